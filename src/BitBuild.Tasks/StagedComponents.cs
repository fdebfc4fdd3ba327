using System.Text.Json;

namespace BitBuild.Tasks;

/// <summary>
/// Reads <c>.bitmap</c> just far enough to tell which components have staged versions, with the same rule as the engine
/// (State/Bitmap.cs): a version is staged while its component has no primary <c>scope</c> or that scope is not in the
/// version's <c>exportedTo</c>. Uses System.Text.Json from the shared framework, so it costs no package and no process.
/// </summary>
internal static class StagedComponents
{
    /// <summary>The ids of components with staged versions; null when the file does not parse (let the engine report it).</summary>
    public static IReadOnlyList<string>? Find(byte[] bitmapJson)
    {
        try
        {
            using var document = JsonDocument.Parse(bitmapJson, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip });
            var staged = new List<string>();
            if (document.RootElement.ValueKind != JsonValueKind.Object || !document.RootElement.TryGetProperty("components", out var components)
                || components.ValueKind != JsonValueKind.Object)
            {
                return staged;
            }

            foreach (var component in components.EnumerateObject())
            {
                if (IsStaged(component.Value))
                {
                    staged.Add(component.Name);
                }
            }

            return staged;
        }
        catch (JsonException)
        {
            return null;
        }
        catch (InvalidOperationException)
        {
            // A value of an unexpected JSON kind (e.g. a number where a string belongs): also the engine's to report.
            return null;
        }
    }

    private static bool IsStaged(JsonElement component)
    {
        var scope = component.TryGetProperty("scope", out var s) && s.ValueKind == JsonValueKind.String ? s.GetString() : null;
        if (!component.TryGetProperty("versions", out var versions) || versions.ValueKind != JsonValueKind.Array)
        {
            return false;
        }

        foreach (var version in versions.EnumerateArray())
        {
            if (scope is null)
            {
                return true;
            }

            var exported = false;
            if (version.TryGetProperty("exportedTo", out var exportedTo) && exportedTo.ValueKind == JsonValueKind.Array)
            {
                foreach (var target in exportedTo.EnumerateArray())
                {
                    if (target.ValueKind == JsonValueKind.String && target.GetString() == scope)
                    {
                        exported = true;
                        break;
                    }
                }
            }

            if (!exported)
            {
                return true;
            }
        }

        return false;
    }
}
