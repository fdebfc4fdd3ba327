using System.Text.Json;
using BitBuild.EndToEnd.Tests.Infrastructure;

namespace BitBuild.EndToEnd.Tests.Tagging.Support;

/// <summary>Runs <c>dotnet bit status --json</c> / <c>list --json</c> and indexes the result by component id.</summary>
public static class StatusJson
{
    public static Dictionary<string, JsonElement> Status(string root)
    {
        var result = CliAssert.Succeeded(BitCli.Bit(root, "status", "--json"));
        using var document = JsonDocument.Parse(result.StandardOutput);
        return document.RootElement.GetProperty("components").EnumerateArray().ToDictionary(c => c.GetProperty("id").GetString()!, c => c.Clone());
    }

    /// <summary>id → status word (new, modified, staged, up-to-date).</summary>
    public static Dictionary<string, string> Stages(string root) => Status(root).ToDictionary(s => s.Key, s => s.Value.GetProperty("status").GetString()!);

    public static Dictionary<string, JsonElement> List(string root)
    {
        var result = CliAssert.Succeeded(BitCli.Bit(root, "list", "--json"));
        using var document = JsonDocument.Parse(result.StandardOutput);
        return document.RootElement.EnumerateArray().ToDictionary(c => c.GetProperty("id").GetString()!, c => c.Clone());
    }
}
