using System.IO.Compression;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using System.Xml.Linq;

namespace BitBuild.EndToEnd.Tests.Infrastructure;

/// <summary>
/// What a user compares between two packages of the same project: the files it carries, its dependencies per target
/// framework, its nuspec metadata, and the identity and attributes of each assembly in it (version, public key token,
/// InformationalVersion with the SourceLink commit…). Packaging parts (the nuspec itself, OPC relationships, core
/// properties) and BitBuild's own <c>bit/</c> folder are left out of the file list: they are how a package is stored,
/// or what BitBuild adds, not what a consumer gets.
/// </summary>
public sealed record PackageContents(
    IReadOnlyList<string> Files,
    IReadOnlyList<string> Dependencies,
    IReadOnlyDictionary<string, string> Metadata,
    IReadOnlyDictionary<string, string> Assemblies)
{
    /// <summary>
    /// Reads a package; <paramref name="componentDependency"/> says which dependency ids are component dependencies (they
    /// differ by design: a scope's id at an exact version), left out of <see cref="Dependencies"/>.
    /// </summary>
    public static PackageContents Read(string nupkg, Func<string, bool> componentDependency)
    {
        using var zip = ZipFile.OpenRead(nupkg);
        var nuspecEntry = zip.Entries.Single(e => !e.FullName.Contains('/') && e.FullName.EndsWith(".nuspec", StringComparison.Ordinal));
        XDocument nuspec;
        using (var stream = nuspecEntry.Open())
        {
            nuspec = XDocument.Load(stream);
        }

        var metadata = nuspec.Root!.Elements().First(e => e.Name.LocalName == "metadata");
        var fields = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var element in metadata.Elements().Where(e => e.Name.LocalName is not ("id" or "version" or "dependencies")))
        {
            var attributes = string.Join(" ", element.Attributes().Select(a => $"{a.Name.LocalName}={a.Value}").Order(StringComparer.Ordinal));
            fields[element.Name.LocalName] = $"{attributes} {element.Value}".Trim();
        }

        var dependencies = metadata.Descendants().Where(e => e.Name.LocalName == "dependency")
            .Where(d => !componentDependency((string)d.Attribute("id")!))
            .Select(d => $"{(string?)d.Parent!.Attribute("targetFramework")}: {(string)d.Attribute("id")!} {(string?)d.Attribute("version")} exclude={(string?)d.Attribute("exclude")}")
            .Order(StringComparer.Ordinal)
            .ToList();

        var files = zip.Entries.Select(e => e.FullName)
            .Where(name => name != nuspecEntry.FullName && name != "_rels/.rels" && name != "[Content_Types].xml")
            .Where(name => !name.StartsWith("package/", StringComparison.Ordinal) && !name.StartsWith("bit/", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .ToList();

        var assemblies = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var entry in zip.Entries.Where(e => e.FullName.EndsWith(".dll", StringComparison.OrdinalIgnoreCase)))
        {
            using var buffer = new MemoryStream();
            using (var stream = entry.Open())
            {
                stream.CopyTo(buffer);
            }

            buffer.Position = 0;
            assemblies[entry.FullName] = DescribeAssembly(buffer);
        }

        return new PackageContents(files, dependencies, fields, assemblies);
    }

    /// <summary>Name, version, culture, public key token, whether it is strong-name signed, and every assembly attribute with its arguments.</summary>
    private static string DescribeAssembly(Stream stream)
    {
        using var pe = new PEReader(stream);
        var reader = pe.GetMetadataReader();
        var definition = reader.GetAssemblyDefinition();
        var name = definition.GetAssemblyName();
        var token = name.GetPublicKeyToken() is { Length: > 0 } bytes ? Convert.ToHexStringLower(bytes) : "null";
        var signed = (pe.PEHeaders.CorHeader!.Flags & CorFlags.StrongNameSigned) != 0;
        var lines = new List<string> { $"{name.Name} {name.Version} culture={name.CultureName ?? "neutral"} token={token} signed={signed}" };
        foreach (var handle in definition.GetCustomAttributes())
        {
            var attribute = reader.GetCustomAttribute(handle);
            var type = attribute.Constructor.Kind == HandleKind.MemberReference
                ? reader.GetMemberReference((MemberReferenceHandle)attribute.Constructor).Parent
                : reader.GetMethodDefinition((MethodDefinitionHandle)attribute.Constructor).GetDeclaringType();
            var typeName = type.Kind == HandleKind.TypeReference
                ? reader.GetString(reader.GetTypeReference((TypeReferenceHandle)type).Name)
                : reader.GetString(reader.GetTypeDefinition((TypeDefinitionHandle)type).Name);
            lines.Add($"{typeName}({Printable(reader.GetBlobBytes(attribute.Value))})");
        }

        lines.Sort(1, lines.Count - 1, StringComparer.Ordinal);
        return string.Join("\n", lines);
    }

    /// <summary>An attribute's serialized arguments as text (strings readable, length prefixes and other bytes as '.').</summary>
    private static string Printable(byte[] blob) =>
        new(System.Text.Encoding.UTF8.GetString(blob).Select(c => char.IsControl(c) || c == '\uFFFD' ? '.' : c).ToArray());

    /// <summary>Asserts the two packages are the same in everything <see cref="Read"/> compares, naming the first difference.</summary>
    public static void AssertSame(PackageContents expected, PackageContents actual)
    {
        Assert.Equal(expected.Files, actual.Files);
        Assert.Equal(expected.Dependencies, actual.Dependencies);
        Assert.Equal(expected.Metadata, actual.Metadata);
        Assert.Equal(expected.Assemblies.Keys, actual.Assemblies.Keys);
        foreach (var (file, description) in expected.Assemblies)
        {
            Assert.Equal(description, actual.Assemblies[file]);
        }
    }
}
