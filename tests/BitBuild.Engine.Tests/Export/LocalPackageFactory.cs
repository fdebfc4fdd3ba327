using System.IO.Compression;
using System.Text;
using BitBuild.Engine.Hashing;
using BitBuild.Engine.Naming;
using BitBuild.Engine.Packages;

namespace BitBuild.Engine.Tests.Export;

/// <summary>Builds a local package shaped like MSBuild Pack's output (OPC parts, nuspec, lib, bit/src, bit/component.json), in memory.</summary>
internal static class LocalPackageFactory
{
    public static readonly DateTimeOffset Stamp = new(2026, 11, 25, 16, 0, 0, TimeSpan.Zero);

    public static byte[] Create(string id, string version, IReadOnlyDictionary<string, string> dependencies, IReadOnlyDictionary<string, string>? sources = null, string? hashOverride = null)
    {
        sources ??= new Dictionary<string, string> { ["Thing.cs"] = $"// {id}\npublic class Thing {{}}\n", ["Thing.csproj"] = "<Project Sdk=\"Microsoft.NET.Sdk\" />\n" };
        var hash = hashOverride ?? ContentHash.Of(sources.Select(s => (s.Key, (Func<Stream>)(() => new MemoryStream(Encoding.UTF8.GetBytes(s.Value))))));
        var packageId = PackageIds.Local(id);
        var manifest = new ComponentManifest
        {
            Id = id,
            Version = version,
            Hash = hash,
            Message = "first",
            Time = Stamp,
            PackageId = packageId,
            Dependencies = dependencies.Select(d => new ManifestDependency(d.Key, d.Value, null, PackageIds.Local(d.Key))).ToList(),
        };
        var deps = string.Concat(dependencies.Select(d => $"        <dependency id=\"{PackageIds.Local(d.Key)}\" version=\"{d.Value}\" exclude=\"Build,Analyzers\" />\n"));
        var nuspec = "\uFEFF<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<package xmlns=\"http://schemas.microsoft.com/packaging/2013/05/nuspec.xsd\">\n  <metadata>\n" +
            $"    <id>{packageId}</id>\n    <version>{version}</version>\n    <authors>A</authors>\n    <description>D</description>\n    <dependencies>\n" +
            $"      <group targetFramework=\"net10.0\">\n{deps}      </group>\n      <group targetFramework=\"net8.0\">\n{deps}      </group>\n    </dependencies>\n  </metadata>\n</package>";
        var rels = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">\n" +
            $"  <Relationship Type=\"http://schemas.microsoft.com/packaging/2010/07/manifest\" Target=\"/{packageId}.nuspec\" Id=\"R1\" />\n" +
            "  <Relationship Type=\"http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties\" Target=\"/package/services/metadata/core-properties/nuget.psmdcp\" Id=\"R2\" />\n</Relationships>";
        var psmdcp = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<coreProperties xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\">\n" +
            $"  <dc:identifier>{packageId}</dc:identifier>\n  <version>{version}</version>\n</coreProperties>";
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            Add(zip, "_rels/.rels", Encoding.UTF8.GetBytes(rels));
            Add(zip, packageId + ".nuspec", Encoding.UTF8.GetBytes(nuspec));
            Add(zip, ComponentManifest.PathInPackage, manifest.ToJson());
            foreach (var (path, text) in sources)
            {
                Add(zip, ComponentManifest.SourcesFolderInPackage + path, Encoding.UTF8.GetBytes(text));
            }

            Add(zip, "lib/net10.0/Thing.dll", Enumerable.Range(0, 4096).Select(i => (byte)(i * 7)).ToArray());
            Add(zip, "[Content_Types].xml", Encoding.UTF8.GetBytes("<?xml version=\"1.0\" encoding=\"utf-8\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\" />"));
            Add(zip, "package/services/metadata/core-properties/nuget.psmdcp", Encoding.UTF8.GetBytes(psmdcp));
        }

        return buffer.ToArray();
    }

    private static void Add(ZipArchive zip, string name, byte[] content)
    {
        var entry = zip.CreateEntry(name, CompressionLevel.Optimal);
        entry.LastWriteTime = Stamp;
        using var stream = entry.Open();
        stream.Write(content);
    }

    /// <summary>The package with one more entry (deflated) at the end, as a hand edit or a hostile tool would add it.</summary>
    public static byte[] WithEntry(byte[] nupkg, string name, byte[] content)
    {
        using var buffer = new MemoryStream();
        buffer.Write(nupkg);
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Update, leaveOpen: true))
        {
            Add(zip, name, content);
        }

        return buffer.ToArray();
    }

    public static byte[] Entry(byte[] nupkg, string name)
    {
        using var zip = new ZipArchive(new MemoryStream(nupkg), ZipArchiveMode.Read);
        var entry = zip.GetEntry(name) ?? throw new InvalidOperationException($"no entry {name}");
        using var stream = entry.Open();
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }

    public static IReadOnlyList<string> EntryNames(byte[] nupkg)
    {
        using var zip = new ZipArchive(new MemoryStream(nupkg), ZipArchiveMode.Read);
        return zip.Entries.Select(e => e.FullName).ToList();
    }
}
