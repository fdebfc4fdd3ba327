using System.Text.RegularExpressions;
using BitBuild.Engine.Diagnostics;

namespace BitBuild.Engine.Processes;

/// <summary>Recognises the dotnet host's "A compatible .NET SDK was not found" and turns it into BIT1014.</summary>
internal static partial class MissingSdk
{
    public static BitException? FromOutput(string output)
    {
        if (!output.Contains("A compatible .NET SDK was not found", StringComparison.Ordinal))
        {
            return null;
        }

        var requested = RequestedVersion().Match(output) is { Success: true } r ? r.Groups[1].Value.Trim() : "(unknown)";
        var globalJson = GlobalJsonFile().Match(output) is { Success: true } g ? g.Groups[1].Value.Trim() : null;
        var installed = InstalledSdk().Matches(output).Select(m => m.Groups[1].Value).Distinct().ToList();
        return new BitException(
            DiagnosticCodes.SdkNotInstalled,
            $"{globalJson ?? "global.json"} asks for the .NET SDK {requested}, which is not installed here " +
            $"(installed: {(installed.Count == 0 ? "none" : string.Join(", ", installed))}), so no build can run. Install that SDK, or let " +
            "global.json take a newer one (\"rollForward\": \"latestFeature\" or \"latestMajor\"), then run the command again.",
            globalJson);
    }

    [GeneratedRegex(@"Requested SDK version: *(\S+)")]
    private static partial Regex RequestedVersion();

    [GeneratedRegex(@"global\.json file: *(.+)")]
    private static partial Regex GlobalJsonFile();

    [GeneratedRegex(@"^\s*(\d+\.\d+\.\d+\S*) \[", RegexOptions.Multiline)]
    private static partial Regex InstalledSdk();
}
