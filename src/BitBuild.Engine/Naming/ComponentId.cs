using System.Text.RegularExpressions;
using BitBuild.Engine.Diagnostics;

namespace BitBuild.Engine.Naming;

/// <summary>A component id such as <c>hello/world</c>: segments <c>[a-z0-9][a-z0-9_-]*</c> joined by <c>/</c>.</summary>
public static partial class ComponentId
{
    [GeneratedRegex("^[a-z0-9][a-z0-9_-]*(/[a-z0-9][a-z0-9_-]*)*$")]
    private static partial Regex ValidId();

    public static bool IsValid(string id) => ValidId().IsMatch(id);

    public static string Validate(string id, string? where = null)
    {
        if (!IsValid(id))
        {
            throw new BitException(
                DiagnosticCodes.InvalidComponentId,
                $"'{id}' is not a valid component id{(where is null ? "" : $" ({where})")}. Ids are lower-case segments of letters, digits, '-' and '_', " +
                "each starting with a letter or digit, joined by '/', e.g. 'hello/world'.");
        }

        return id;
    }

    /// <summary>
    /// Derives an id from a project folder relative to the workspace root, the way Bit derives one from the path given to
    /// <c>bit add</c>: a leading <c>src/</c> or <c>components/</c> is dropped, the rest is lower-cased and every character
    /// an id cannot hold becomes '-'. <c>src/Hello/World.Core</c> becomes <c>hello/world-core</c>.
    /// </summary>
    public static string FromFolder(string relativeFolder)
    {
        var segments = relativeFolder.Replace('\\', '/').Split('/', StringSplitOptions.RemoveEmptyEntries).ToList();
        if (segments.Count > 1 && (segments[0] is "src" or "components"))
        {
            segments.RemoveAt(0);
        }

        var cleaned = segments.Select(CleanSegment).Where(s => s.Length > 0).ToList();
        return cleaned.Count == 0 ? "component" : string.Join('/', cleaned);
    }

    private static string CleanSegment(string segment)
    {
        var chars = segment.ToLowerInvariant().Select(c => (c is >= 'a' and <= 'z') || (c is >= '0' and <= '9') || c is '-' or '_' ? c : '-').ToArray();
        return new string(chars).Trim('-', '_');
    }

    /// <summary>True when <paramref name="id"/> matches <paramref name="pattern"/>, where '*' stands for any run of characters (Bit's "utils/*").</summary>
    public static bool MatchesPattern(string id, string pattern)
    {
        if (!pattern.Contains('*'))
        {
            return string.Equals(id, pattern, StringComparison.Ordinal);
        }

        var regex = "^" + string.Join(".*", pattern.Split('*').Select(Regex.Escape)) + "$";
        return Regex.IsMatch(id, regex);
    }
}
