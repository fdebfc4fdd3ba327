using System.IO.Enumeration;

namespace BitBuild.Engine.Files;

/// <summary>
/// Every file of a workspace that a build can read as a source, in one recursive enumeration (a directory read per folder,
/// no stat per file), skipping what builds and tools write (bin, obj) and tool state (.git, .bit, .vs, node_modules):
/// the walk the evaluation caches key on, so it must stay cheap.
/// </summary>
public static class WorkspaceFiles
{
    private static readonly string[] SkippedFolders = ["bin", "obj", ".git", ".bit", ".vs", "node_modules"];

    /// <summary>Full paths of the files under <paramref name="root"/> whose names <paramref name="include"/> accepts.</summary>
    public static IEnumerable<string> Under(string root, Func<string, bool> include) =>
        new FileSystemEnumerable<string>(root, (ref FileSystemEntry entry) => entry.ToFullPath(), new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = 0 })
        {
            ShouldRecursePredicate = (ref FileSystemEntry entry) => !IsSkipped(entry.FileName),
            ShouldIncludePredicate = (ref FileSystemEntry entry) => !entry.IsDirectory && include(entry.FileName.ToString()),
        };

    /// <summary>Whether a folder of this name is one the walk skips (build output, tool state).</summary>
    public static bool IsSkipped(ReadOnlySpan<char> folderName)
    {
        foreach (var skipped in SkippedFolders)
        {
            if (folderName.Equals(skipped, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>An MSBuild file that projects import (<c>*.props</c>, <c>*.targets</c>).</summary>
    public static bool IsMsBuildImport(string name) =>
        name.EndsWith(".props", StringComparison.OrdinalIgnoreCase) || name.EndsWith(".targets", StringComparison.OrdinalIgnoreCase);

    /// <summary>A project file: any extension ending in "proj" (.csproj, .fsproj, .vbproj, .proj…).</summary>
    public static bool IsProject(string name) =>
        name.EndsWith("proj", StringComparison.OrdinalIgnoreCase) && Path.GetExtension(name).Length > 1;
}
