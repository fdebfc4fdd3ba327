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
/// (<c>_rels/.rels</c>, the <c>.psmdcp</c> core properties) rewritten to match, stored uncompressed; build logic files named
/// after the old id renamed after the new one (<see cref="BuildLogicFiles"/>). Everything else, the
/// build output and the sources, is copied as stored, compressed bytes and all (<see cref="StoredZipArchive"/>). The result
/// depends only on the input: entry order, timestamps and attributes are kept and nothing random (no new GUID part names)
/// is introduced, so the same local package always gives the same bytes.
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
        using var buffer = new MemoryStream();
        source.CopyTo(buffer);
        return Rewrite(buffer.ToArray(), destination, scope, packageId, dependencies);
    }

    /// <inheritdoc cref="Rewrite(Stream, Stream, string, string, IReadOnlyDictionary{string, DependencyTarget})"/>
    /// <param name="verifiedManifest">The package's own manifest when the caller has read it already (see <c>LocalPackageVerifier</c>).</param>
    public static ComponentManifest Rewrite(byte[] source, Stream destination, string scope, string packageId, IReadOnlyDictionary<string, DependencyTarget> dependencies, ComponentManifest? verifiedManifest = null)
    {
        using var input = new ZipArchive(new MemoryStream(source, writable: false), ZipArchiveMode.Read);
        var local = verifiedManifest ?? ReadManifest(input);
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
        var oldPackageId = oldNuspecName[..^".nuspec".Length];

        // The entries that name the id or the nuspec get new content; everything else is copied as it is.
        var rewritten = new Dictionary<int, (string Name, byte[] Content)>();
        for (var i = 0; i < input.Entries.Count; i++)
        {
            var entry = input.Entries[i];
            var name = entry.FullName;
            if (name == oldNuspecName)
            {
                rewritten[i] = (newNuspecName, RewriteNuspec(Read(entry), packageId, renamed, local));
            }
            else if (name == ComponentManifest.PathInPackage)
            {
                rewritten[i] = (name, manifest.ToJson());
            }
            else if (name == "_rels/.rels")
            {
                rewritten[i] = (name, RewriteXml(Read(entry), document =>
                {
                    foreach (var relationship in document.Root!.Elements().Where(e => (string?)e.Attribute("Type") == ManifestRelationshipType))
                    {
                        relationship.SetAttributeValue("Target", "/" + newNuspecName);
                    }
                }));
            }
            else if (name.StartsWith("package/services/metadata/core-properties/", StringComparison.Ordinal) && name.EndsWith(".psmdcp", StringComparison.OrdinalIgnoreCase))
            {
                rewritten[i] = (name, RewriteXml(Read(entry), document =>
                {
                    foreach (var identifier in document.Root!.Elements(DublinCore + "identifier"))
                    {
                        identifier.Value = packageId;
                    }
                }));
            }
            else if (BuildLogicFiles.RenamedEntry(name, oldPackageId, packageId) is { } renamedEntry)
            {
                rewritten[i] = (renamedEntry, Read(entry));
            }
        }

        var stored = StoredZipArchive.TryRead(source);
        if (stored is not null && stored.Count == input.Entries.Count && stored.Select(e => e.Name).SequenceEqual(input.Entries.Select(e => e.FullName)))
        {
            // Fast path: the build output and the sources (nearly all of a package) keep their compressed bytes; only the
            // few rewritten entries are compressed, in a small archive of their own whose stored entries take their places.
            var replacements = new Queue<StoredZipEntry>(StoredZipArchive.TryRead(Compress(input.Entries, rewritten))!);
            StoredZipArchive.Write(stored.Select((entry, i) => rewritten.ContainsKey(i) ? replacements.Dequeue() : entry).ToList(), destination);
            return manifest;
        }

        // An archive the fast path does not read (Zip64, several disks): inflate and deflate every entry.
        using var output = new ZipArchive(destination, ZipArchiveMode.Create, leaveOpen: true);
        for (var i = 0; i < input.Entries.Count; i++)
        {
            var entry = input.Entries[i];
            var (name, content) = rewritten.TryGetValue(i, out var replaced) ? replaced : (entry.FullName, Read(entry));
            AddEntry(output, entry, name, content, CompressionLevel.Fastest);
        }

        return manifest;
    }

    /// <summary>An archive holding only the rewritten entries, in their original order.</summary>
    private static byte[] Compress(IReadOnlyList<ZipArchiveEntry> entries, IReadOnlyDictionary<int, (string Name, byte[] Content)> rewritten)
    {
        using var buffer = new MemoryStream();
        using (var archive = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var index in rewritten.Keys.Order())
            {
                // Stored, not deflated: these few entries are small XML and JSON files (a few KiB together), and setting up a
                // deflate stream per entry cost more than the whole copy of the rest of the package.
                AddEntry(archive, entries[index], rewritten[index].Name, rewritten[index].Content, CompressionLevel.NoCompression);
            }
        }

        return buffer.ToArray();
    }

    private static void AddEntry(ZipArchive archive, ZipArchiveEntry original, string name, byte[] content, CompressionLevel level)
    {
        var copy = archive.CreateEntry(name, level);
        copy.LastWriteTime = original.LastWriteTime;
        copy.ExternalAttributes = original.ExternalAttributes;
        using var stream = copy.Open();
        stream.Write(content);
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
        var content = new byte[entry.Length];
        stream.ReadExactly(content);
        return content;
    }
}
