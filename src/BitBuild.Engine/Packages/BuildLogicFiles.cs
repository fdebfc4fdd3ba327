using System.IO.Compression;
using System.Text.RegularExpressions;

namespace BitBuild.Engine.Packages;

/// <summary>
/// A package's build logic: NuGet imports <c>build/{id}.props|targets</c>, <c>build/{tfm}/{id}.props|targets</c> and the
/// same under <c>buildTransitive/</c> and <c>buildMultiTargeting/</c> into its consumers, and only files named after the
/// package's own id. A component's package gets new ids (the local <c>bitlocal.*</c> one at tag, each scope's at export),
/// so these files are renamed with it. Renaming, not wrapping them in a file named after the new id, keeps them in their
/// folder: the paths inside them, relative to <c>$(MSBuildThisFileDirectory)</c>, keep working. Other files in those
/// folders (what the renamed ones import) keep their names.
/// </summary>
public static partial class BuildLogicFiles
{
    /// <summary>The entry's new name when it is a build logic file named after <paramref name="fromId"/>; otherwise null.</summary>
    public static string? RenamedEntry(string entryName, string fromId, string toId)
    {
        var match = BuildLogicEntry().Match(entryName);
        if (!match.Success || !string.Equals(match.Groups["id"].Value, fromId, StringComparison.OrdinalIgnoreCase)
            || string.Equals(fromId, toId, StringComparison.Ordinal))
        {
            return null;
        }

        return match.Groups["folder"].Value + toId + match.Groups["extension"].Value;
    }

    /// <summary>
    /// Renames, in place, the build logic files of the package at <paramref name="nupkgPath"/> named after
    /// <paramref name="fromId"/> to <paramref name="toId"/>; returns the new entry names. A package without any is not rewritten.
    /// </summary>
    public static IReadOnlyList<string> RenameInPackage(string nupkgPath, string fromId, string toId)
    {
        using (var read = ZipFile.OpenRead(nupkgPath))
        {
            if (!read.Entries.Any(e => RenamedEntry(e.FullName, fromId, toId) is not null))
            {
                return [];
            }
        }

        var renamed = new List<string>();
        using var zip = ZipFile.Open(nupkgPath, ZipArchiveMode.Update);
        foreach (var entry in zip.Entries.ToList())
        {
            if (RenamedEntry(entry.FullName, fromId, toId) is not { } name)
            {
                continue;
            }

            var copy = zip.CreateEntry(name, CompressionLevel.Optimal);
            copy.LastWriteTime = entry.LastWriteTime;
            copy.ExternalAttributes = entry.ExternalAttributes;
            using (var from = entry.Open())
            using (var to = copy.Open())
            {
                from.CopyTo(to);
            }

            entry.Delete();
            renamed.Add(name);
        }

        return renamed;
    }

    // The folder part keeps its case; NuGet compares the file name with the id ignoring case.
    [GeneratedRegex(@"^(?<folder>(?:build|buildTransitive|buildMultiTargeting)/(?:[^/]+/)?)(?<id>[^/]+)(?<extension>\.(?:props|targets))$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex BuildLogicEntry();
}
