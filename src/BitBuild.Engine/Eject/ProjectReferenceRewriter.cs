using System.Xml.Linq;

namespace BitBuild.Engine.Eject;

/// <summary>
/// Rewrites a project file's <c>ProjectReference</c>s to ejected projects into <c>PackageReference</c>s, in place (same
/// position, same indentation), carrying over the metadata both item types understand. Under central package management
/// the reference has no Version (the version goes into Directory.Packages.props).
/// </summary>
internal static class ProjectReferenceRewriter
{
    /// <summary>Metadata that means the same on a PackageReference, so the consumer keeps behaving the same way.</summary>
    private static readonly string[] CarriedMetadata = ["PrivateAssets", "IncludeAssets", "ExcludeAssets", "Aliases", "NoWarn"];

    /// <summary>The new file content, or null when the project references none of <paramref name="replacements"/>.</summary>
    public static byte[]? Rewrite(byte[] projectBytes, string projectPath, IReadOnlyList<PackageReplacement> replacements, bool central, out IReadOnlyList<PackageReplacement> applied)
    {
        var file = XmlFileText.Parse(projectBytes);
        var folder = Path.GetDirectoryName(Path.GetFullPath(projectPath))!;
        var found = new List<PackageReplacement>();
        foreach (var reference in file.Root.Descendants().Where(e => e.Name.LocalName == "ProjectReference").ToList())
        {
            var include = (string?)reference.Attribute("Include");
            var target = include is null ? null : WorkspaceFiles.ResolveItemPath(include, folder);
            var replacement = target is null ? null : replacements.FirstOrDefault(r => WorkspaceFiles.PathComparer.Equals(r.ProjectPath, target));
            if (replacement is null)
            {
                continue;
            }

            found.Add(replacement);
            var alreadyReferenced = file.Root.Descendants().Any(e => e.Name.LocalName == "PackageReference"
                && string.Equals((string?)e.Attribute("Include"), replacement.PackageId, StringComparison.OrdinalIgnoreCase));
            if (alreadyReferenced)
            {
                XmlFileText.RemoveWithWhitespace(reference);
                continue;
            }

            reference.ReplaceWith(PackageReference(reference, replacement, central));
        }

        applied = found;
        return found.Count == 0 ? null : file.ToBytes();
    }

    private static XElement PackageReference(XElement reference, PackageReplacement replacement, bool central)
    {
        var ns = reference.Name.Namespace;
        var element = new XElement(ns + "PackageReference", new XAttribute("Include", replacement.PackageId));
        if (!central)
        {
            element.Add(new XAttribute("Version", replacement.Version));
        }

        if (reference.Attribute("Condition") is { } condition)
        {
            element.Add(new XAttribute("Condition", condition.Value));
        }

        foreach (var name in CarriedMetadata)
        {
            if (reference.Attribute(name) is { } attribute)
            {
                element.Add(new XAttribute(name, attribute.Value));
            }
            else if (reference.Elements(ns + name).FirstOrDefault() is { } child)
            {
                element.Add(new XAttribute(name, child.Value));
            }
        }

        return element;
    }
}
