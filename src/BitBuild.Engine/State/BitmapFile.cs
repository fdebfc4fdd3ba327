using System.Text;
using System.Text.Json;
using BitBuild.Engine.Diagnostics;
using BitBuild.Engine.Naming;
using BitBuild.Engine.Workspaces;

namespace BitBuild.Engine.State;

/// <summary>
/// Reads and writes <c>.bitmap</c>. The writer is hand-rolled on <see cref="Utf8JsonWriter"/> so key order and layout never
/// depend on serializer settings: two-space indentation, '\n' line endings, sorted keys, a final newline.
/// A file that does not parse is never overwritten: the error names the file and the position.
/// </summary>
public static class BitmapFile
{
    public const string FileName = ".bitmap";

    public static Bitmap Read(string path)
    {
        if (!File.Exists(path))
        {
            return new Bitmap();
        }

        var bytes = File.ReadAllBytes(path);
        try
        {
            using var document = JsonDocument.Parse(bytes, new JsonDocumentOptions { AllowTrailingCommas = false, CommentHandling = JsonCommentHandling.Skip });
            try
            {
                return Parse(document.RootElement, path);
            }
            catch (Exception ex) when (ex is InvalidOperationException or FormatException or ArgumentException)
            {
                // Valid JSON of the wrong shape (a string where a number belongs, a bad date, components not an object):
                // JsonElement's accessors throw these. It is still a corrupt .bitmap the user must fix, not a crash.
                throw Corrupt(path, ex.Message);
            }
        }
        catch (JsonException ex)
        {
            var line = (int)(ex.LineNumber ?? 0) + 1;
            var column = (int)(ex.BytePositionInLine ?? 0) + 1;
            throw new BitException(
                DiagnosticCodes.CorruptBitmap,
                $"{path} is not valid JSON at line {line}, column {column}: {ex.Message.Split(" LineNumber:")[0].Split(" Path:")[0]} " +
                "Fix the file by hand (for a git merge conflict, keep both sides' versions) or restore it with 'git checkout -- .bitmap'. " +
                "BitBuild will not overwrite it until it parses.",
                path, line, column, ex);
        }
    }

    private static Bitmap Parse(JsonElement root, string path)
    {
        var bitmap = new Bitmap();
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw Corrupt(path, "the top level must be a JSON object");
        }

        if (root.TryGetProperty("format", out var format))
        {
            bitmap.Format = format.GetInt32();
            if (bitmap.Format > Bitmap.CurrentFormat)
            {
                throw new BitException(
                    DiagnosticCodes.UnsupportedBitmapVersion,
                    $"{path} has format {bitmap.Format}, newer than this BitBuild understands ({Bitmap.CurrentFormat}). Update the dotnet bit tool.",
                    path);
            }
        }

        if (root.TryGetProperty("components", out var components))
        {
            foreach (var component in components.EnumerateObject())
            {
                // Names are checked here as where they are typed: a hand-edited or merged .bitmap must not smuggle in an id
                // or scope that no command would accept (and that would later become an over-long path or package id).
                ComponentId.Validate(component.Name, "a component in .bitmap", path);
                var state = bitmap.GetOrAdd(component.Name);
                var value = component.Value;
                state.Project = OptionalString(value, "project");
                state.Scope = OptionalString(value, "scope");
                if (state.Scope is not null)
                {
                    ScopeName.Validate(state.Scope, $"the primary scope of {component.Name} in .bitmap", path);
                }
                if (value.TryGetProperty("versions", out var versions))
                {
                    foreach (var v in versions.EnumerateArray())
                    {
                        var tagged = new TaggedVersion
                        {
                            Version = RequiredVersion(v, component.Name, path),
                            Hash = RequiredString(v, "hash", path),
                            Message = OptionalString(v, "message"),
                            Time = v.TryGetProperty("time", out var time) ? time.GetDateTimeOffset() : default,
                        };
                        if (v.TryGetProperty("dependencies", out var deps))
                        {
                            foreach (var dep in deps.EnumerateObject())
                            {
                                ComponentId.Validate(dep.Name, $"a dependency of {component.Name} in .bitmap", path);
                                tagged.Dependencies[dep.Name] = dep.Value.GetString() ?? throw Corrupt(path, $"dependency {dep.Name} of {component.Name} has no version");
                            }
                        }

                        if (v.TryGetProperty("exportedTo", out var exported))
                        {
                            foreach (var scope in exported.EnumerateArray())
                            {
                                var scopeName = scope.GetString() ?? throw Corrupt(path, $"an exportedTo entry of {component.Name} is null");
                                tagged.ExportedTo.Add(ScopeName.Validate(scopeName, $"a scope {component.Name} was exported to, in .bitmap", path));
                            }
                        }

                        state.Versions.Add(tagged);
                    }
                }

                state.Versions.Sort((a, b) => NuGet.Versioning.NuGetVersion.Parse(a.Version).CompareTo(NuGet.Versioning.NuGetVersion.Parse(b.Version)));
            }
        }

        return bitmap;
    }

    private static BitException Corrupt(string path, string what) =>
        new(DiagnosticCodes.CorruptBitmap, $"{path} is not a valid .bitmap: {what}. Fix the file by hand or restore it with 'git checkout -- .bitmap'.", path);

    private static string? OptionalString(JsonElement e, string name) =>
        e.TryGetProperty(name, out var p) && p.ValueKind == JsonValueKind.String ? p.GetString() : null;

    private static string RequiredString(JsonElement e, string name, string path) =>
        OptionalString(e, name) ?? throw Corrupt(path, $"a version entry has no \"{name}\"");

    /// <summary>A version that is not SemVer would break sorting, version increments and NuGet later; reject it on read.</summary>
    private static string RequiredVersion(JsonElement e, string componentId, string path)
    {
        var text = RequiredString(e, "version", path);
        if (text.Length > Tagging.VersionIncrement.MaxVersionLength || !NuGet.Versioning.NuGetVersion.TryParse(text, out _))
        {
            throw Corrupt(path, $"{componentId} has the version \"{text}\", which is not a SemVer 2 version");
        }

        return text;
    }

    public static byte[] Serialize(Bitmap bitmap)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping, NewLine = "\n" }))
        {
            w.WriteStartObject();
            w.WriteNumber("format", bitmap.Format);
            w.WriteStartObject("components");
            foreach (var (id, state) in bitmap.Components)
            {
                w.WriteStartObject(id);
                if (state.Project is not null)
                {
                    w.WriteString("project", state.Project);
                }

                if (state.Scope is not null)
                {
                    w.WriteString("scope", state.Scope);
                }

                w.WriteStartArray("versions");
                foreach (var v in state.Versions)
                {
                    w.WriteStartObject();
                    w.WriteStartObject("dependencies");
                    foreach (var (depId, depVersion) in v.Dependencies)
                    {
                        w.WriteString(depId, depVersion);
                    }

                    w.WriteEndObject();
                    w.WriteStartArray("exportedTo");
                    foreach (var scope in v.ExportedTo)
                    {
                        w.WriteStringValue(scope);
                    }

                    w.WriteEndArray();
                    w.WriteString("hash", v.Hash);
                    if (v.Message is not null)
                    {
                        w.WriteString("message", v.Message);
                    }

                    w.WriteString("time", v.Time.ToUniversalTime().ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture));
                    w.WriteString("version", v.Version);
                    w.WriteEndObject();
                }

                w.WriteEndArray();
                w.WriteEndObject();
            }

            w.WriteEndObject();
            w.WriteEndObject();
        }

        stream.WriteByte((byte)'\n');
        return stream.ToArray();
    }

    public static void Write(string path, Bitmap bitmap) => AtomicFile.WriteAllBytes(path, Serialize(bitmap));

    internal static string SerializeToString(Bitmap bitmap) => Encoding.UTF8.GetString(Serialize(bitmap));
}
