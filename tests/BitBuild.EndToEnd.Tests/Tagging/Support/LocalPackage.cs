using System.IO.Compression;
using System.Text.Json;
using System.Xml.Linq;

namespace BitBuild.EndToEnd.Tests.Tagging.Support;

/// <summary>A package in the local scope (<c>.bit/packages</c>), opened as the zip it is.</summary>
public sealed class LocalPackage
{
    private LocalPackage(string path, IReadOnlyList<string> entries, byte[] manifest, XDocument nuspec, Dictionary<string, byte[]> sources)
    {
        Path = path;
        Entries = entries;
        ManifestBytes = manifest;
        Nuspec = nuspec;
        Sources = sources;
    }

    public string Path { get; }

    public IReadOnlyList<string> Entries { get; }

    public byte[] ManifestBytes { get; }

    public JsonElement Manifest => JsonDocument.Parse(ManifestBytes).RootElement.Clone();

    public XDocument Nuspec { get; }

    /// <summary>bit/src files by path relative to bit/src/.</summary>
    public Dictionary<string, byte[]> Sources { get; }

    public static string PathOf(string root, string id, string version) =>
        System.IO.Path.Combine(root, ".bit", "packages", id.Replace('/', '.'), version, $"bitlocal.{id.Replace('/', '.')}.{version}.nupkg");

    public static LocalPackage Open(string root, string id, string version)
    {
        var path = PathOf(root, id, version);
        Assert.True(File.Exists(path), $"no package {path}");
        using var zip = ZipFile.OpenRead(path);
        var entries = zip.Entries.Select(e => e.FullName).Order(StringComparer.Ordinal).ToList();
        var manifest = Read(zip.GetEntry("bit/component.json") ?? throw new Xunit.Sdk.XunitException($"{path} has no bit/component.json; entries: {string.Join(", ", entries)}"));
        var nuspecEntry = zip.Entries.Single(e => e.FullName.EndsWith(".nuspec", StringComparison.Ordinal) && !e.FullName.Contains('/'));
        var nuspec = XDocument.Parse(System.Text.Encoding.UTF8.GetString(Read(nuspecEntry)).TrimStart('\uFEFF'));
        var sources = zip.Entries.Where(e => e.FullName.StartsWith("bit/src/", StringComparison.Ordinal)).ToDictionary(e => e.FullName["bit/src/".Length..], Read);
        return new LocalPackage(path, entries, manifest, nuspec, sources);
    }

    public string NuspecValue(string name) => Nuspec.Descendants().First(e => e.Name.LocalName == name).Value;

    /// <summary>Nuspec dependencies as id → version range text.</summary>
    public Dictionary<string, string> NuspecDependencies() =>
        Nuspec.Descendants().Where(e => e.Name.LocalName == "dependency").ToDictionary(e => (string)e.Attribute("id")!, e => (string)e.Attribute("version")!);

    private static byte[] Read(ZipArchiveEntry entry)
    {
        using var stream = entry.Open();
        using var memory = new MemoryStream();
        stream.CopyTo(memory);
        return memory.ToArray();
    }
}
