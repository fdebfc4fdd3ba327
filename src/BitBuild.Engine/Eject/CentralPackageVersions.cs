using System.Xml.Linq;

namespace BitBuild.Engine.Eject;

/// <summary>
/// Central package management (<c>Directory.Packages.props</c> with <c>ManagePackageVersionsCentrally=true</c>): which props
/// file governs a project, and adding a <c>PackageVersion</c> to it. Read from the files, as NuGet's docs describe the
/// convention (the nearest Directory.Packages.props above the project; a project can opt out with the property false).
/// </summary>
internal static class CentralPackageVersions
{
    public const string FileName = "Directory.Packages.props";

    /// <summary>The Directory.Packages.props that manages the project's versions, or null when the project does not use CPM.</summary>
    public static string? PropsFileFor(string projectPath, byte[] projectBytes)
    {
        if (PropertyValue(XmlFileText.Parse(projectBytes).Root) is { } own && !own)
        {
            return null;
        }

        for (var dir = new DirectoryInfo(Path.GetDirectoryName(Path.GetFullPath(projectPath))!); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, FileName);
            if (File.Exists(candidate))
            {
                return IsEnabled(File.ReadAllBytes(candidate)) ? candidate : null;
            }
        }

        return null;
    }

    public static bool IsEnabled(byte[] propsBytes) => PropertyValue(XmlFileText.Parse(propsBytes).Root) == true;

    private static bool? PropertyValue(XElement root)
    {
        var property = root.Descendants().LastOrDefault(e => e.Name.LocalName == "ManagePackageVersionsCentrally");
        return property is null ? null : string.Equals(property.Value.Trim(), "true", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>
    /// Adds (or updates) <c>&lt;PackageVersion Include="id" Version="v" /&gt;</c>: next to the existing PackageVersion items,
    /// else in a new ItemGroup. Null when the file already pins that exact version.
    /// </summary>
    public static byte[]? SetPackageVersion(byte[] propsBytes, string packageId, string version)
    {
        var file = XmlFileText.Parse(propsBytes);
        var ns = file.Root.Name.Namespace;
        var versions = file.Root.Descendants().Where(e => e.Name.LocalName == "PackageVersion").ToList();
        var existing = versions.FirstOrDefault(e => string.Equals((string?)e.Attribute("Include"), packageId, StringComparison.OrdinalIgnoreCase));
        if (existing is not null)
        {
            if ((string?)existing.Attribute("Version") == version)
            {
                return null;
            }

            existing.SetAttributeValue("Version", version);
            return file.ToBytes();
        }

        var group = versions.FirstOrDefault()?.Parent;
        if (group is null)
        {
            group = new XElement(ns + "ItemGroup");
            XmlFileText.AppendChild(file.Root, group);
        }

        XmlFileText.AppendChild(group, new XElement(ns + "PackageVersion", new XAttribute("Include", packageId), new XAttribute("Version", version)));
        return file.ToBytes();
    }
}
