using System.Text;
using System.Text.RegularExpressions;
using BitBuild.Engine.Processes;

namespace BitBuild.Engine.Eject;

/// <summary>
/// Solution files that list an ejected project. <c>.slnx</c> is XML and edited in place (keeping the user's layout);
/// <c>.sln</c> is left to <c>dotnet sln remove</c>, which also drops the project's configuration and nesting entries.
/// </summary>
internal static partial class SolutionFiles
{
    [GeneratedRegex("""^Project\("\{[^}]+\}"\)\s*=\s*"[^"]*"\s*,\s*"([^"]+)"\s*,""", RegexOptions.Multiline)]
    private static partial Regex SlnProjectLine();

    public static bool IsSlnx(string path) => string.Equals(Path.GetExtension(path), ".slnx", StringComparison.OrdinalIgnoreCase);

    /// <summary>The given projects (full paths) that the solution lists.</summary>
    public static IReadOnlyList<string> ListedProjects(string solutionPath, IEnumerable<string> projects)
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(solutionPath))!;
        var bytes = File.ReadAllBytes(solutionPath);
        IEnumerable<string> listed = IsSlnx(solutionPath)
            ? SlnxProjects(XmlFileText.Parse(bytes)).Select(e => (string?)e.Attribute("Path")).OfType<string>()
            : SlnProjectLine().Matches(Encoding.UTF8.GetString(bytes)).Select(m => m.Groups[1].Value);
        var resolved = listed.Select(p => WorkspaceFiles.ResolveItemPath(p, folder)).OfType<string>().ToHashSet(WorkspaceFiles.PathComparer);
        return projects.Where(resolved.Contains).ToList();
    }

    /// <summary>The .slnx content without the given projects.</summary>
    public static byte[] RemoveFromSlnx(byte[] bytes, string solutionPath, IReadOnlyCollection<string> projects)
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(solutionPath))!;
        var file = XmlFileText.Parse(bytes);
        foreach (var element in SlnxProjects(file).ToList())
        {
            var path = (string?)element.Attribute("Path");
            var resolved = path is null ? null : WorkspaceFiles.ResolveItemPath(path, folder);
            if (resolved is not null && projects.Contains(resolved, WorkspaceFiles.PathComparer))
            {
                XmlFileText.RemoveWithWhitespace(element);
            }
        }

        return file.ToBytes();
    }

    /// <summary>Runs <c>dotnet sln remove</c>; the error text when it fails.</summary>
    public static string? RemoveFromSln(string solutionPath, IReadOnlyCollection<string> projects)
    {
        var result = DotNetCli.Run(["sln", solutionPath, "remove", .. projects], Path.GetDirectoryName(solutionPath)!);
        return result.ExitCode == 0 ? null : result.CombinedOutput.Trim();
    }

    private static IEnumerable<System.Xml.Linq.XElement> SlnxProjects(XmlFileText file) =>
        file.Root.Descendants().Where(e => e.Name.LocalName == "Project");
}
