using System.Text.RegularExpressions;

namespace BitBuild.Tasks;

/// <summary>
/// Recognises the CLI's diagnostic lines, the canonical MSBuild form the tool prints on stderr:
/// <c>error BIT1001: msg</c>, <c>path : warning BIT3006: msg</c>, <c>path(12,5) : error BIT1003: msg</c>.
/// Only whole lines that start a diagnostic count, so an engine message that merely mentions "error" is never an error.
/// </summary>
internal static partial class CliOutputParser
{
    [GeneratedRegex(@"^(?:(?<file>.+?)(?:\((?<line>\d+)(?:,(?<col>\d+))?\))?\s*:\s*)?(?<kind>error|warning)\s+(?<code>BIT\d{4})\s*:\s?(?<msg>.*)$", RegexOptions.CultureInvariant)]
    private static partial Regex DiagnosticLine();

    public static CliDiagnostic? TryParse(string line)
    {
        var match = DiagnosticLine().Match(line);
        if (!match.Success)
        {
            return null;
        }

        var file = match.Groups["file"].Success ? match.Groups["file"].Value.Trim() : null;
        return new CliDiagnostic(
            match.Groups["kind"].Value == "error",
            match.Groups["code"].Value,
            match.Groups["msg"].Value,
            string.IsNullOrEmpty(file) ? null : file,
            match.Groups["line"].Success ? int.Parse(match.Groups["line"].Value, System.Globalization.CultureInfo.InvariantCulture) : 0,
            match.Groups["col"].Success ? int.Parse(match.Groups["col"].Value, System.Globalization.CultureInfo.InvariantCulture) : 0);
    }

    /// <summary>
    /// True when the dotnet host itself said the framework the tool needs is not installed (the host's own message, or its
    /// exit code 0x80008096 / 150 after the 8-bit truncation on Unix).
    /// </summary>
    public static bool IsMissingRuntime(int exitCode, string stderr) =>
        exitCode is unchecked((int)0x80008096) or 150
        || stderr.Contains("You must install or update .NET to run this application", StringComparison.Ordinal)
        || stderr.Contains("The framework 'Microsoft.NETCore.App', version", StringComparison.Ordinal);
}
