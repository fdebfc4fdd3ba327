using System.Text.RegularExpressions;
using NuGet.Versioning;

namespace BitBuild.Server.Storage;

/// <summary>
/// The id and version rules the server applies before a name touches the filesystem. Stricter than NuGet's own
/// (ASCII only), so a validated lower-cased id or normalized version can never hold a path separator or "..".
/// </summary>
public static partial class PackageNames
{
    public const int MaxIdLength = 100;

    [GeneratedRegex("^[A-Za-z0-9_]+([.-][A-Za-z0-9_]+)*$")]
    private static partial Regex IdPattern();

    [GeneratedRegex("^[0-9A-Za-z-]+(\\.[0-9A-Za-z-]+)*$")]
    private static partial Regex NormalizedVersionPattern();

    public static bool IsValidId(string? id) => id is not null && id.Length <= MaxIdLength && IdPattern().IsMatch(id);

    /// <summary>Parses a version the way NuGet does and returns its lower-cased normalized form, or null when it is not a version.</summary>
    public static string? LowerNormalizedVersion(string? version)
    {
        if (version is null || version.Length > 256 || !NuGetVersion.TryParse(version, out var parsed))
        {
            return null;
        }

        var normalized = parsed.ToNormalizedString().ToLowerInvariant();
        return NormalizedVersionPattern().IsMatch(normalized) ? normalized : null;
    }

    /// <summary>Package ids pushed to scope S must start with "S." (case-insensitive), like the ids export gives them.</summary>
    public static bool BelongsToScope(string id, string scope) =>
        id.Length > scope.Length + 1 && id.StartsWith(scope + ".", StringComparison.OrdinalIgnoreCase);
}
