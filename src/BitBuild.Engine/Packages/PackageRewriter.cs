using System.IO.Compression;
using System.Text;
using System.Xml;
using System.Xml.Linq;
using BitBuild.Engine.Diagnostics;

namespace BitBuild.Engine.Packages;

/// <summary>What a component dependency becomes in the exported package: the scope and package id it is taken from.</summary>
public sealed record DependencyTarget(string Scope, string PackageId);

/// <summary>
/// Turns a local package (<c>bitlocal.*</c>, made by MSBuild's Pack at tag time) into a scope's package without rebuilding:
/// a new nuspec id and nuspec file name, component dependencies renamed to their scope's package ids at exact versions
/// <c>[x.y.z]</c> in every dependency group, a new <c>bit/component.json</c>, and the OPC parts that name the nuspec or the id
/// (<c>_rels/.rels</c>, the <c>.psmdcp</c> core properties) rewritten to match. Everything else, the build output and the
/// sources, is copied byte for byte. The result depends only on the input: entry order, timestamps and attributes are kept
/// and nothing random (no new GUID part names) is introduced, so the same local package always gives the same bytes.
/// </summary>
public static class PackageRewriter
{
    private const string ManifestRelationshipType = "http://schemas.microsoft.com/packaging/2010/07/manifest";
    private static readonly XNamespace DublinCore = "http://purl.org/dc/elements/1.1/";

    /// <summary>Reads the manifest of a local package.</summary>
    public static ComponentManifest ReadManifest(Stream nupkg)
    {
        using var zip = new ZipArchive(nupkg, ZipArchiveMode.Read, leaveOpen: true);
        return ReadManifest(zip);
    }

    private static ComponentManifest ReadManifest(ZipArchive zip)
    {
        var entry = zip.GetEntry(ComponentManifest.PathInPackage)
            ?? throw new BitException(DiagnosticCodes.LocalPackageCorrupt, $"The package has no {ComponentManifest.PathInPackage}; it was not made by 'dotnet bit tag'.");
        using var stream = entry.Open();
        return ComponentManifest.FromJson(stream);
    }

    /// <summary>
    /// Writes the scope's package to <paramref name="destination"/> and returns its manifest.
    /// <paramref name="dependencies"/> maps each component dependency id (as the local manifest names it) to its target.
    /// </summary>
    public static ComponentManifest Rewrite(Stream source, Stream destination, string scope, string packageId, IReadOnlyDictionary<string, DependencyTarget> dependencies)
    {
        using var input = new ZipArchive(source, ZipArchiveMode.Read, leaveOpen: true);
        var local = ReadManifest(input);
        var renamed = new Dictionary<string, (string PackageId, string Version)>(StringComparer.OrdinalIgnoreCase);
        var manifestDependencies = new List<ManifestDependency>();
        foreach (var dependency in local.Dependencies)
        {
            if (!dependencies.TryGetValue(dependency.Id, out var target))
            {
                throw new BitException(DiagnosticCodes.DependencyNotInScope, $"No scope is known for dependency {dependency.Id} {dependency.Version} of {local.Id} {local.Version}.");
            }

            renamed[dependency.PackageId] = (target.PackageId, dependency.Version);
            manifestDependencies.Add(dependency with { Scope = target.Scope, PackageId = target.PackageId });
        }

        var manifest = local with { Scope = scope, PackageId = packageId, Dependencies = manifestDependencies };
        var oldNuspecName = input.Entries.FirstOrDefault(e => !e.FullName.Contains('/') && e.FullName.EndsWith(".nuspec", StringComparison.OrdinalIgnoreCase))?.FullName
            ?? throw new BitException(DiagnosticCodes.LocalPackageCorrupt, $"The package of {local.Id} {local.Version} has no .nuspec at its root.");
        var newNuspecName = packageId + ".nuspec";

        using var output = new ZipArchive(destination, ZipArchiveMode.Create, leaveOpen: true);
        foreach (var entry in input.Entries)
        {
            byte[] content;
            var name = entry.FullName;
            if (name == oldNuspecName)
            {
                content = RewriteNuspec(Read(entry), packageId, renamed, local);
                name = newNuspecName;
            }
            else if (name == ComponentManifest.PathInPackage)
            {
                content = manifest.ToJson();
            }
            else if (name == "_rels/.rels")
            {
                content = RewriteXml(Read(entry), document =>
                {
                    foreach (var relationship in document.Root!.Elements().Where(e => (string?)e.Attribute("Type") == ManifestRelationshipType))
                    {
                        relationship.SetAttributeValue("Target", "/" + newNuspecName);
                    }
                });
            }
            else if (name.StartsWith("package/services/metadata/core-properties/", StringComparison.Ordinal) && name.EndsWith(".psmdcp", StringComparison.OrdinalIgnoreCase))
            {
                content = RewriteXml(Read(entry), document =>
                {
                    foreach (var identifier in document.Root!.Elements(DublinCore + "identifier"))
                    {
                        identifier.Value = packageId;
                    }
                });
            }
            else
            {
                content = Read(entry);
            }

            // Fastest, not Optimal: recompressing every entry of every package was the largest CPU cost of an export, and the
            // packages are small; the result is just as deterministic.
            var copy = output.CreateEntry(name, CompressionLevel.Fastest);
            copy.LastWriteTime = entry.LastWriteTime;
            copy.ExternalAttributes = entry.ExternalAttributes;
            using var stream = copy.Open();
            stream.Write(content);
        }

        return manifest;
    }

    private static byte[] RewriteNuspec(byte[] nuspec, string packageId, IReadOnlyDictionary<string, (string PackageId, string Version)> renamed, ComponentManifest local) =>
        RewriteXml(nuspec, document =>
        {
            var metadata = document.Root!.Elements().First(e => e.Name.LocalName == "metadata");
            var ns = metadata.Name.Namespace;
            var id = metadata.Element(ns + "id") ?? throw new BitException(DiagnosticCodes.LocalPackageCorrupt, $"The nuspec of {local.Id} {local.Version} has no <id>.");
            id.Value = packageId;
            foreach (var dependency in metadata.Descendants(ns + "dependency"))
            {
                var dependencyId = (string?)dependency.Attribute("id") ?? string.Empty;
                if (renamed.TryGetValue(dependencyId, out var target))
                {
                    dependency.SetAttributeValue("id", target.PackageId);
                    dependency.SetAttributeValue("version", $"[{target.Version}]");
                }
                else if (dependencyId.StartsWith(Naming.PackageIds.LocalPrefix + ".", StringComparison.OrdinalIgnoreCase))
                {
                    throw new BitException(
                        DiagnosticCodes.LocalPackageCorrupt,
                        $"The package of {local.Id} {local.Version} depends on {dependencyId}, which its {ComponentManifest.PathInPackage} does not list. " +
                        $"Delete {Workspaces.Workspace.LocalScopeFolderName}/packages and run the export again to rebuild it from the tagged sources.");
                }
            }
        });

    private static byte[] RewriteXml(byte[] xml, Action<XDocument> edit)
    {
        var hasBom = xml.Length >= 3 && xml[0] == 0xEF && xml[1] == 0xBB && xml[2] == 0xBF;
        XDocument document;
        using (var reader = new MemoryStream(xml))
        {
            document = XDocument.Load(reader, LoadOptions.PreserveWhitespace);
        }

        edit(document);
        using var output = new MemoryStream();
        var settings = new XmlWriterSettings { Encoding = new UTF8Encoding(hasBom), Indent = false, NewLineHandling = NewLineHandling.None, OmitXmlDeclaration = document.Declaration is null };
        using (var writer = XmlWriter.Create(output, settings))
        {
            document.Save(writer);
        }

        return output.ToArray();
    }

    private static byte[] Read(ZipArchiveEntry entry)
    {
        using var stream = entry.Open();
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        return buffer.ToArray();
    }
}
