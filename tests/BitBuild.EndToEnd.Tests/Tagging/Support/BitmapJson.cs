using System.Text.Json;

namespace BitBuild.EndToEnd.Tests.Tagging.Support;

/// <summary>Reads .bitmap as a user (or git) sees it: plain JSON, not through the engine's own reader.</summary>
public static class BitmapJson
{
    public static JsonElement Read(string root)
    {
        using var document = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(root, ".bitmap")));
        return document.RootElement.Clone();
    }

    public static JsonElement Component(string root, string id) => Read(root).GetProperty("components").GetProperty(id);

    public static IReadOnlyList<JsonElement> Versions(string root, string id) =>
        Read(root).GetProperty("components").TryGetProperty(id, out var component) ? component.GetProperty("versions").EnumerateArray().ToList() : [];

    public static IReadOnlyList<string> VersionNumbers(string root, string id) => Versions(root, id).Select(v => v.GetProperty("version").GetString()!).ToList();

    public static Dictionary<string, string> Dependencies(JsonElement version) =>
        version.GetProperty("dependencies").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!);
}
