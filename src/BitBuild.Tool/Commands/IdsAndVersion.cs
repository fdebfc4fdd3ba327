using BitBuild.Engine.Tagging;

namespace BitBuild.Tool.Commands;

/// <summary>
/// Splits the arguments of <c>tag</c> and <c>untag</c>, "ids… [VERSION]". The last argument is the version when it parses
/// as one. It is also meant as a version (and refused as an invalid one, rather than read as an id) when it contains a
/// '.', which no component id can hold: <c>tag utils/strings v1.0.0</c> says v1.0.0 is not a valid version.
/// </summary>
internal static class IdsAndVersion
{
    public static (List<string> Ids, string? Version) Split(IReadOnlyList<string> arguments)
    {
        var ids = arguments.ToList();
        if (ids.Count == 0)
        {
            return (ids, null);
        }

        var last = ids[^1];
        if (NuGet.Versioning.NuGetVersion.TryParseStrict(last, out _) || last.Contains('.', StringComparison.Ordinal))
        {
            VersionIncrement.ParseExplicit(last); // BIT2002 (exit code 2) saying what is wrong with it
            ids.RemoveAt(ids.Count - 1);
            return (ids, last);
        }

        return (ids, null);
    }
}
