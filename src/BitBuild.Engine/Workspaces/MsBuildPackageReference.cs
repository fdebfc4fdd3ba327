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

    /// <summary>Adds the reference unless one is there; returns the file changed, or null.</summary>
    public static string? Ensure(Workspace workspace)
    {
        var packagesProps = Path.Combine(workspace.Root, "Directory.Packages.props");
        if (File.Exists(packagesProps) && UsesCentralPackageManagement(packagesProps))
        {
            return AddItem(packagesProps, new XElement("GlobalPackageReference", new XAttribute("Include", PackageId), new XAttribute("Version", Version))) ? "Directory.Packages.props" : null;
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
        var document = XDocument.Load(path, LoadOptions.PreserveWhitespace);
        var project = document.Root!;
        if (project.Descendants().Any(e => e.Name.LocalName is "PackageReference" or "GlobalPackageReference" && string.Equals((string?)e.Attribute("Include"), PackageId, StringComparison.OrdinalIgnoreCase)))
        {
            return false;
        }

        var group = new XElement("ItemGroup", new XAttribute("Label", "BitBuild MSBuild targets (dotnet build -t:BitTag, -t:BitExport)"), new XText("\n    "), item, new XText("\n  "));
        var last = project.Nodes().LastOrDefault();
        if (last is XText trailing && string.IsNullOrWhiteSpace(trailing.Value))
        {
            trailing.AddBeforeSelf(new XText("\n  "), group);
        }
        else
        {
            project.Add(new XText("\n  "), group, new XText("\n"));
        }

        var text = document.Declaration is null ? project.ToString(SaveOptions.DisableFormatting) : document.Declaration + "\n" + project.ToString(SaveOptions.DisableFormatting);
        AtomicFile.WriteAllText(path, text.TrimEnd() + "\n");
        return true;
    }
}
