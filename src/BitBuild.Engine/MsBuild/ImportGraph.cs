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

    public static ImportGraph FromLog(IEnumerable<string> lines) =>
        FromEdges(lines.Select(line => ImportingLine().Match(line))
            .Where(match => match.Success)
            .Select(match => (Path.GetFullPath(match.Groups["importer"].Value), Path.GetFullPath(match.Groups["imported"].Value))));

    public static ImportGraph FromLogFile(string path) => File.Exists(path) ? FromLog(File.ReadLines(path)) : FromLog([]);

    /// <summary>The graph again from its <see cref="Edges"/> (as a cache keeps it).</summary>
    public static ImportGraph FromEdges(IEnumerable<(string Importer, string Imported)> edges)
    {
        var imports = new Dictionary<string, HashSet<string>>(PathComparer);
        foreach (var (importer, imported) in edges)
        {
            if (!imports.TryGetValue(importer, out var set))
            {
                set = new HashSet<string>(PathComparer);
                imports[importer] = set;
            }

            set.Add(imported);
        }

        return new ImportGraph(imports);
    }

    /// <summary>Each import, importer first, in a stable order.</summary>
    public IEnumerable<(string Importer, string Imported)> Edges =>
        _imports.OrderBy(e => e.Key, StringComparer.Ordinal).SelectMany(e => e.Value.Order(StringComparer.Ordinal).Select(imported => (e.Key, imported)));

    /// <summary>Every file the evaluation read as a project or an import.</summary>
    public IEnumerable<string> Files => _imports.Keys.Concat(_imports.Values.SelectMany(v => v)).Distinct(PathComparer);

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
