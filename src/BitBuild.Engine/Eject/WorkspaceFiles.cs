namespace BitBuild.Engine.Eject;

/// <summary>
/// Finds the workspace's project and solution files on disk, skipping build output, VCS and BitBuild's own folders.
/// Eject reads the files themselves (not an MSBuild evaluation) because it has to edit the exact place a reference is written.
/// </summary>
internal static class WorkspaceFiles
{
    private static readonly string[] SkippedFolders = ["bin", "obj", ".git", ".bit", ".vs", "node_modules"];

    private static readonly string[] ProjectExtensions = [".csproj", ".fsproj", ".vbproj"];

    private static readonly string[] SolutionExtensions = [".sln", ".slnx"];

    public static IReadOnlyList<string> Projects(string root) => Find(root, ProjectExtensions);

    public static IReadOnlyList<string> Solutions(string root) => Find(root, SolutionExtensions);

    private static List<string> Find(string root, string[] extensions)
    {
        var result = new List<string>();
        var pending = new Stack<string>();
        pending.Push(root);
        while (pending.Count > 0)
        {
            var current = pending.Pop();
            foreach (var directory in Directory.EnumerateDirectories(current))
            {
                if (!SkippedFolders.Contains(Path.GetFileName(directory), StringComparer.OrdinalIgnoreCase))
                {
                    pending.Push(directory);
                }
            }

            result.AddRange(Directory.EnumerateFiles(current).Where(f => extensions.Contains(Path.GetExtension(f), StringComparer.OrdinalIgnoreCase)));
        }

        result.Sort(StringComparer.Ordinal);
        return result;
    }

    /// <summary>True when <paramref name="path"/> is <paramref name="folder"/> or inside it.</summary>
    public static bool IsInside(string path, string folder)
    {
        var relative = Path.GetRelativePath(folder, path);
        return relative == "." || (!relative.StartsWith("..", StringComparison.Ordinal) && !Path.IsPathRooted(relative));
    }

    public static StringComparer PathComparer => OperatingSystem.IsWindows() ? StringComparer.OrdinalIgnoreCase : StringComparer.Ordinal;

    /// <summary>
    /// Resolves a path as MSBuild items write it (relative to the file's folder, '\' or '/', with the common directory
    /// properties) to a full path; null when it uses other properties or wildcards eject cannot resolve without evaluating.
    /// </summary>
    public static string? ResolveItemPath(string include, string fileFolder)
    {
        var value = include.Trim()
            .Replace("$(MSBuildThisFileDirectory)", fileFolder + Path.DirectorySeparatorChar, StringComparison.OrdinalIgnoreCase)
            .Replace("$(MSBuildProjectDirectory)", fileFolder, StringComparison.OrdinalIgnoreCase);
        if (value.Length == 0 || value.Contains("$(", StringComparison.Ordinal) || value.Contains('*') || value.Contains(';') || value.Contains("@(", StringComparison.Ordinal))
        {
            return null;
        }

        value = value.Replace('\\', Path.DirectorySeparatorChar).Replace('/', Path.DirectorySeparatorChar);
        return Path.GetFullPath(Path.Combine(fileFolder, value));
    }
}
