using System.Text.RegularExpressions;
using BitBuild.Engine.Diagnostics;

namespace BitBuild.Engine.Naming;

/// <summary>A component id such as <c>hello/world</c>: segments <c>[a-z0-9][a-z0-9_-]*</c> joined by <c>/</c>.</summary>
public static partial class ComponentId
{
    [GeneratedRegex("^[a-z0-9][a-z0-9_-]*(/[a-z0-9][a-z0-9_-]*)*$")]
    private static partial Regex ValidId();

    /// <summary>
    /// The longest id: a component's package in the local scope is <c>bitlocal.{id}</c>, and NuGet refuses package ids of
    /// more than 100 characters, so 100 - "bitlocal.".Length. In a remote scope <c>{scope}.{id}</c> must fit the same 100
    /// (checked as a package id, BIT3002, wherever both are known). Every path BitBuild derives from an id holds it once
    /// as one file name of at most ~180 characters, inside the 255 every file system allows.
    /// </summary>
    public const int MaxLength = NuGetMaxPackageIdLength - 9;

    /// <summary>
    /// NuGet's <c>PackageIdValidator.MaxPackageIdLength</c>, written out because this file is also compiled into the
    /// MSBuild task, which does not reference NuGet (a unit test checks the two agree).
    /// </summary>
    public const int NuGetMaxPackageIdLength = 100;

    public static bool IsValid(string id) => id.Length <= MaxLength && ValidId().IsMatch(id);

    /// <summary>Checks an id read from a file or a declaration; <paramref name="where"/> says where it came from.</summary>
    public static string Validate(string id, string? where = null, string? file = null)
    {
        if (!IsValid(id))
        {
            throw Invalid(id, where, file, usageError: false);
        }

        return id;
    }

    /// <summary>Checks an id typed on the command line: a bad one is a usage error (exit code 2).</summary>
    public static string ValidateArgument(string id, string where)
    {
        if (!IsValid(id))
        {
            throw Invalid(id, where, null, usageError: true);
        }

        return id;
    }

    private static BitException Invalid(string id, string? where, string? file, bool usageError)
    {
        var source = where is null ? "" : $" ({where})";
        var message = id.Length > MaxLength
            ? $"{NameText.Quote(id)} is too long for a component id{source}: ids have at most {MaxLength} characters, so that its package id " +
              $"fits NuGet's limit of {NuGetMaxPackageIdLength}. Choose a shorter id."
            : $"{NameText.Quote(id)} is not a valid component id{source}. Ids are lower-case segments of letters, digits, '-' and '_', " +
              "each starting with a letter or digit, joined by '/', e.g. 'hello/world'.";
        return new BitException(DiagnosticCodes.InvalidComponentId, message, file) { IsUsageError = usageError };
    }

    /// <summary>
    /// Derives an id from a project folder relative to the workspace root, the way Bit derives one from the path given to
    /// <c>bit add</c>: a leading <c>src/</c> or <c>components/</c> is dropped and the rest is lower-cased. A '.' in a
    /// folder name separates segments, as it does in .NET names: <c>src/Polly.Core</c> becomes <c>polly/core</c>, whose
    /// package in scope <c>acme.libs</c> is <c>acme.libs.polly.core</c>, the name a .NET developer knows (NuGet ids are
    /// case-insensitive). PascalCase is kept together (<c>Dapper.StrongName</c> is <c>dapper/strongname</c>, not
    /// <c>dapper/strong-name</c>) for the same reason. Every other character an id cannot hold becomes '-'.
    /// </summary>
    public static string FromFolder(string relativeFolder)
    {
        var segments = relativeFolder.Replace('\\', '/').Split('/', StringSplitOptions.RemoveEmptyEntries).ToList();
        if (segments.Count > 1 && (segments[0] is "src" or "components"))
        {
            segments.RemoveAt(0);
        }

        var cleaned = segments.SelectMany(s => s.Split('.')).Select(CleanSegment).Where(s => s.Length > 0).ToList();
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
