using BitBuild.Engine.Processes;

namespace BitBuild.Engine.Hashing;

/// <summary>
/// The files that make up a component: what git would track under its folder (tracked files plus untracked files that
/// are not ignored), never anything under bin/ or obj/, and nothing inside another component's folder. Outside a git
/// repository (or without git) every file under the folder counts, with the same exclusions.
/// </summary>
public static class SourceFiles
{
    private static readonly string[] AlwaysExcludedFolders = ["bin", "obj", ".git", ".bit", ".vs", "node_modules"];

    /// <summary>Relative paths ('/' separators), sorted ordinally.</summary>
    public static IReadOnlyList<string> List(string folder, IEnumerable<string>? excludedSubfolders = null)
    {
        var excluded = (excludedSubfolders ?? []).Select(f => Path.GetRelativePath(folder, f).Replace('\\', '/') + "/").ToList();
        var files = FromGit(folder) ?? FromFileSystem(folder);
        return files
            .Where(f => !f.Split('/').SkipLast(1).Any(segment => AlwaysExcludedFolders.Contains(segment, StringComparer.OrdinalIgnoreCase)))
            .Where(f => !excluded.Any(prefix => f.StartsWith(prefix, StringComparison.Ordinal)))
            .Where(f => File.Exists(Path.Combine(folder, f)))
            .Distinct(StringComparer.Ordinal)
            .OrderBy(f => f, StringComparer.Ordinal)
            .ToList();
    }

    private static List<string>? FromGit(string folder)
    {
        if (Environment.GetEnvironmentVariable("BIT_NO_GIT") == "1")
        {
            return null;
        }

        try
        {
            var result = ProcessRunner.Run("git", ["-c", "core.quotepath=off", "ls-files", "-z", "--cached", "--others", "--exclude-standard", "--", "."], folder);
            if (result.ExitCode != 0)
            {
                return null;
            }

            return result.StandardOutput.Split('\0', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Trim('\r', '\n')).Where(l => l.Length > 0).ToList();
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null; // git is not installed
        }
    }

    private static List<string> FromFileSystem(string folder)
    {
        var result = new List<string>();
        var pending = new Stack<string>();
        pending.Push(folder);
        while (pending.Count > 0)
        {
            var current = pending.Pop();
            foreach (var directory in Directory.EnumerateDirectories(current))
            {
                if (!AlwaysExcludedFolders.Contains(Path.GetFileName(directory), StringComparer.OrdinalIgnoreCase))
                {
                    pending.Push(directory);
                }
            }

            result.AddRange(Directory.EnumerateFiles(current).Select(f => Path.GetRelativePath(folder, f).Replace('\\', '/')));
        }

        return result;
    }
}
