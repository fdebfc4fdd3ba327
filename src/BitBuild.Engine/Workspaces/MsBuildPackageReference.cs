using System.Reflection;
using System.Xml.Linq;
using BitBuild.Engine.Files;

namespace BitBuild.Engine.Workspaces;

/// <summary>
/// <c>dotnet bit init --msbuild</c>: references the <c>BitBuild</c> MSBuild package (targets BitTag, BitExport, BitEject,
/// BitStatus) from every project, at this tool's own version. With central package management that is a
/// <c>GlobalPackageReference</c> in Directory.Packages.props (a versioned PackageReference would fail there with NU1008);
/// otherwise a <c>PackageReference … PrivateAssets="all"</c> in the root Directory.Build.props.
/// </summary>
public static class MsBuildPackageReference
{
    public const string PackageId = "BitBuild";

    /// <summary>The BitBuild version this engine belongs to (the tool and the package ship together).</summary>
    public static string Version
    {
        get
        {
            var informational = typeof(MsBuildPackageReference).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion;
            return informational?.Split('+')[0] ?? typeof(MsBuildPackageReference).Assembly.GetName().Version!.ToString(3);
        }
    }

    /// <summary>
    /// Adds the reference unless one is there; returns the file changed (workspace-relative), or null. Central package
    /// management is as the projects' evaluation saw it (<paramref name="projects"/>), wherever the repository switches it
    /// on; without evaluated projects, as the root Directory.Packages.props says.
    /// </summary>
    public static string? Ensure(Workspace workspace, IReadOnlyList<ProjectSettings> projects)
    {
        var packagesProps = Path.Combine(workspace.Root, "Directory.Packages.props");
        // NuGet manages versions centrally when ManagePackageVersionsCentrally is true, wherever it is set, and a
        // Directory.Packages.props is imported (without one the setting does nothing): that file gets the reference.
        var central = projects.FirstOrDefault(p => p.CentralPackageManagement && p.DirectoryPackagesProps is not null);
        if (central is not null || (projects.Count == 0 && File.Exists(packagesProps) && UsesCentralPackageManagement(packagesProps)))
        {
            var target = central?.DirectoryPackagesProps ?? packagesProps;
            return AddItem(target, new XElement("GlobalPackageReference", new XAttribute("Include", PackageId), new XAttribute("Version", Version))) ? workspace.Relative(target) : null;
        }

        var item = new XElement("PackageReference", new XAttribute("Include", PackageId), new XAttribute("Version", Version), new XAttribute("PrivateAssets", "all"));
        return AddItem(workspace.DirectoryBuildPropsPath, item) ? "Directory.Build.props" : null;
    }

    private static bool UsesCentralPackageManagement(string packagesProps)
    {
        var document = XDocument.Load(packagesProps);
        return document.Descendants("ManagePackageVersionsCentrally").Any(e => string.Equals(e.Value.Trim(), "true", StringComparison.OrdinalIgnoreCase));
    }

    private static bool AddItem(string path, XElement item)
    {
        var project = XDocument.Load(path).Root!;
        if (project.Descendants().Any(e => e.Name.LocalName is "PackageReference" or "GlobalPackageReference" && string.Equals((string?)e.Attribute("Include"), PackageId, StringComparison.OrdinalIgnoreCase)))
        {
            return false;
        }

        var group = $"<ItemGroup Label=\"BitBuild MSBuild targets (dotnet build -t:BitTag, -t:BitExport)\">\n  {item.ToString(SaveOptions.DisableFormatting)}\n</ItemGroup>";
        XmlTextEdit.EditFile(path, text => XmlTextEdit.AppendToRoot(text, group));
        return true;
    }
}
