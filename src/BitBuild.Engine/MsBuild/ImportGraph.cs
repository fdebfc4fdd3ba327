using System.Text.RegularExpressions;

namespace BitBuild.Engine.MsBuild;

/// <summary>
/// Which MSBuild file imported which, as MSBuild reported it while evaluating (its "Importing project A into project B"
/// messages, logged at diagnostic verbosity when <c>MSBUILDLOGIMPORTS=1</c>). MSBuild has no per-project list of imports
/// a caller can read (<c>MSBuildAllProjects</c> is no longer filled by the SDK), and the messages carry only files, not
/// the project being evaluated; so the graph is file to file, and <see cref="WorkspaceImportsOf"/> walks it per project.
/// </summary>
public sealed partial class ImportGraph
{
    /// <summary>The environment variable that makes MSBuild log each import (the binary logger sets it for the same purpose).</summary>
    public const string LogImportsVariable = "MSBUILDLOGIMPORTS";

    private readonly Dictionary<string, HashSet<string>> _imports;

    private ImportGraph(Dictionary<string, HashSet<string>> imports) => _imports = imports;

    public static ImportGraph FromLog(IEnumerable<string> lines)
    {
        var imports = new Dictionary<string, HashSet<string>>(PathComparer);
        foreach (var line in lines)
        {
            var match = ImportingLine().Match(line);
            if (!match.Success)
            {
                continue;
            }

            var imported = Path.GetFullPath(match.Groups["imported"].Value);
            var importer = Path.GetFullPath(match.Groups["importer"].Value);
            if (!imports.TryGetValue(importer, out var set))
            {
                set = new HashSet<string>(PathComparer);
                imports[importer] = set;
            }

            set.Add(imported);
        }

        return new ImportGraph(imports);
    }

    public static ImportGraph FromLogFile(string path) => File.Exists(path) ? FromLog(File.ReadLines(path)) : FromLog([]);

    /// <summary>
    /// The files inside <paramref name="workspaceRoot"/> that the project's evaluation imports, directly or through other
    /// workspace files. A workspace file reached through a file outside the workspace (the SDK imports the
    /// Directory.Build.props and Directory.Build.targets it finds for every project) counts only when it is the nearest
    /// of that name in the project's folder or above it, as that convention finds it; otherwise it was imported for
    /// another project. A file that
    /// a shared workspace file imports under a condition that holds for some projects only counts for all of them:
    /// the graph cannot tell, and counting too much only makes a component modified, never wrongly up to date.
    /// </summary>
    public IReadOnlyList<string> WorkspaceImportsOf(string projectPath, string workspaceRoot)
    {
        var root = Path.TrimEndingDirectorySeparator(Path.GetFullPath(workspaceRoot)) + Path.DirectorySeparatorChar;
        var project = Path.GetFullPath(projectPath);
        var projectFolder = Path.GetDirectoryName(project)!;
        bool InWorkspace(string file) => file.StartsWith(root, PathComparison);
        bool AboveProject(string file)
        {
            var folder = Path.TrimEndingDirectorySeparator(Path.GetDirectoryName(file)!) + Path.DirectorySeparatorChar;
            return (projectFolder + Path.DirectorySeparatorChar).StartsWith(folder, PathComparison);
        }

        // The nearest file of each name that something outside the workspace imported from the project's folder or above.
        var nearest = _imports.Where(edge => !InWorkspace(edge.Key))
            .SelectMany(edge => edge.Value)
            .Where(file => InWorkspace(file) && AboveProject(file))
            .GroupBy(file => Path.GetFileName(file), PathComparer)
            .Select(group => group.MaxBy(file => file.Length)!)
            .ToHashSet(PathComparer);

        var found = new SortedSet<string>(StringComparer.Ordinal);
        var seen = new HashSet<string>(PathComparer) { project };
        var pending = new Stack<string>();
        pending.Push(project);
        while (pending.Count > 0)
        {
            var importer = pending.Pop();
            if (!_imports.TryGetValue(importer, out var imported))
            {
                continue;
            }

            foreach (var file in imported)
            {
                if (InWorkspace(file) && !InWorkspace(importer) && !nearest.Contains(file))
                {
                    continue;
                }

                if (!seen.Add(file))
                {
                    continue;
                }

                if (InWorkspace(file))
                {
                    found.Add(file);
                }

                pending.Push(file);
            }
        }

        return found.ToList();
    }

    private static StringComparer PathComparer => OperatingSystem.IsWindows() ? StringComparer.OrdinalIgnoreCase : StringComparer.Ordinal;

    private static StringComparison PathComparison => OperatingSystem.IsWindows() ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;

    [GeneratedRegex("Importing project \"(?<imported>[^\"]+)\" into project \"(?<importer>[^\"]+)\" at \\(")]
    private static partial Regex ImportingLine();
}
