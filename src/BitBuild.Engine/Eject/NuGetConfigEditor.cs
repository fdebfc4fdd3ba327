using System.Text;
using System.Xml.Linq;
using NuGet.Configuration;

namespace BitBuild.Engine.Eject;

/// <summary>
/// Decides and writes the NuGet.Config change eject needs. The decision uses NuGet's own settings discovery from the
/// workspace root (every NuGet.Config from there up, plus the user's), so a source or mapping configured anywhere counts;
/// the change is written to the root's NuGet.Config (created when there is none), which NuGet merges with the others.
/// </summary>
internal static class NuGetConfigEditor
{
    /// <summary>The workspace root's NuGet.Config (any casing), or null.</summary>
    public static string? FindRootConfig(string workspaceRoot) =>
        Directory.EnumerateFiles(workspaceRoot).FirstOrDefault(f => string.Equals(Path.GetFileName(f), "nuget.config", StringComparison.OrdinalIgnoreCase));

    public static NuGetConfigChange Plan(string workspaceRoot, string scope, string location, IEnumerable<string> packageIds)
    {
        var settings = Settings.LoadDefaultSettings(workspaceRoot);
        var sources = new PackageSourceProvider(settings).LoadPackageSources().ToList();
        var existing = sources.FirstOrDefault(s => string.Equals(s.Name, scope, StringComparison.OrdinalIgnoreCase))
            ?? sources.FirstOrDefault(s => SameLocation(s.Source, location));
        var key = existing?.Name ?? scope;
        string? pattern = null;
        var mapping = PackageSourceMapping.GetPackageSourceMapping(settings);
        if (mapping.IsEnabled && packageIds.Any(id => !mapping.GetConfiguredPackageSources(id).Contains(key, StringComparer.OrdinalIgnoreCase)))
        {
            pattern = scope + ".*";
        }

        return new NuGetConfigChange(key, existing?.Source ?? location, existing is null, pattern);
    }

    /// <summary>The NuGet.Config content after the change (<paramref name="existing"/> null: a new file).</summary>
    public static byte[] Apply(byte[]? existing, NuGetConfigChange change)
    {
        var file = XmlFileText.Parse(existing ?? Encoding.UTF8.GetBytes("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<configuration>\n</configuration>\n"));
        var root = file.Root;
        if (change.AddSource)
        {
            var sources = Section(root, "packageSources");
            var add = new XElement("add", new XAttribute("key", change.SourceKey), new XAttribute("value", change.Location));
            if (change.Location.StartsWith("http://", StringComparison.OrdinalIgnoreCase))
            {
                // Export only accepts plain http for a scope server on this machine; NuGet refuses http sources (NU1302) unless told.
                add.Add(new XAttribute("allowInsecureConnections", "true"));
            }

            XmlFileText.AppendChild(sources, add);
        }

        if (change.MappingPattern is not null)
        {
            var mapping = Section(root, "packageSourceMapping");
            var source = mapping.Elements("packageSource").FirstOrDefault(e => string.Equals((string?)e.Attribute("key"), change.SourceKey, StringComparison.OrdinalIgnoreCase));
            if (source is null)
            {
                source = new XElement("packageSource", new XAttribute("key", change.SourceKey));
                XmlFileText.AppendChild(mapping, source);
            }

            if (!source.Elements("package").Any(p => string.Equals((string?)p.Attribute("pattern"), change.MappingPattern, StringComparison.OrdinalIgnoreCase)))
            {
                XmlFileText.AppendChild(source, new XElement("package", new XAttribute("pattern", change.MappingPattern)));
            }
        }

        return file.ToBytes();
    }

    private static XElement Section(XElement configuration, string name)
    {
        var section = configuration.Element(name);
        if (section is null)
        {
            section = new XElement(name);
            XmlFileText.AppendChild(configuration, section);
        }

        return section;
    }

    private static bool SameLocation(string configured, string location)
    {
        if (Uri.TryCreate(configured, UriKind.Absolute, out var a) && Uri.TryCreate(location, UriKind.Absolute, out var b))
        {
            if (a.IsFile && b.IsFile)
            {
                return WorkspaceFiles.PathComparer.Equals(Path.GetFullPath(a.LocalPath).TrimEnd('/', '\\'), Path.GetFullPath(b.LocalPath).TrimEnd('/', '\\'));
            }

            return Uri.Compare(a, b, UriComponents.AbsoluteUri, UriFormat.SafeUnescaped, StringComparison.OrdinalIgnoreCase) == 0;
        }

        return WorkspaceFiles.PathComparer.Equals(configured.TrimEnd('/', '\\'), location.TrimEnd('/', '\\'));
    }
}
