using System.Text;
using BitBuild.Engine.Diagnostics;
using BitBuild.Engine.Packages;
using NuGet.Packaging;

namespace BitBuild.Engine.Tests.Export;

public sealed class PackageRewriterTests
{
    private static readonly Dictionary<string, DependencyTarget> UtilsInCollection = new()
    {
        ["utils/string"] = new DependencyTarget("user.my-collection", "user.my-collection.utils.string"),
    };

    private static byte[] Rewrite(byte[] local, string scope, string packageId, IReadOnlyDictionary<string, DependencyTarget> deps)
    {
        using var output = new MemoryStream();
        PackageRewriter.Rewrite(new MemoryStream(local), output, scope, packageId, deps);
        return output.ToArray();
    }

    [Fact]
    public void Rewrites_id_nuspec_name_and_dependencies_in_every_group_at_exact_versions()
    {
        var local = LocalPackageFactory.Create("hello/world", "0.0.2", new Dictionary<string, string> { ["utils/string"] = "0.0.1" });
        var exported = Rewrite(local, "user.my-collection", "user.my-collection.hello.world", UtilsInCollection);

        using var reader = new PackageArchiveReader(new MemoryStream(exported));
        Assert.Equal("user.my-collection.hello.world", reader.GetIdentity().Id);
        Assert.Equal("0.0.2", reader.GetIdentity().Version.ToNormalizedString());
        var groups = reader.GetPackageDependencies().ToList();
        Assert.Equal(2, groups.Count);
        foreach (var group in groups)
        {
            var dependency = Assert.Single(group.Packages);
            Assert.Equal("user.my-collection.utils.string", dependency.Id);
            Assert.Equal("[0.0.1]", dependency.VersionRange.ToShortString());
            Assert.Contains("Build", dependency.Exclude);
        }

        var names = LocalPackageFactory.EntryNames(exported);
        Assert.Contains("user.my-collection.hello.world.nuspec", names);
        Assert.DoesNotContain(names, n => n.StartsWith("bitlocal", StringComparison.Ordinal));
        Assert.Contains("Target=\"/user.my-collection.hello.world.nuspec\"", Encoding.UTF8.GetString(LocalPackageFactory.Entry(exported, "_rels/.rels")));
        Assert.Contains("<dc:identifier>user.my-collection.hello.world</dc:identifier>", Encoding.UTF8.GetString(LocalPackageFactory.Entry(exported, "package/services/metadata/core-properties/nuget.psmdcp")));
    }

    [Fact]
    public void Writes_the_scope_manifest_and_copies_build_output_and_sources_byte_for_byte()
    {
        var local = LocalPackageFactory.Create("hello/world", "0.0.2", new Dictionary<string, string> { ["utils/string"] = "0.0.1" });
        var exported = Rewrite(local, "user.my-collection", "user.my-collection.hello.world", UtilsInCollection);

        var manifest = ComponentManifest.FromJson(LocalPackageFactory.Entry(exported, ComponentManifest.PathInPackage));
        var original = ComponentManifest.FromJson(LocalPackageFactory.Entry(local, ComponentManifest.PathInPackage));
        Assert.Equal("user.my-collection", manifest.Scope);
        Assert.Equal("user.my-collection.hello.world", manifest.PackageId);
        Assert.Equal(original.Hash, manifest.Hash);
        Assert.Equal(new ManifestDependency("utils/string", "0.0.1", "user.my-collection", "user.my-collection.utils.string"), Assert.Single(manifest.Dependencies));
        foreach (var name in new[] { "lib/net10.0/Thing.dll", "bit/src/Thing.cs", "bit/src/Thing.csproj", "[Content_Types].xml" })
        {
            Assert.Equal(LocalPackageFactory.Entry(local, name), LocalPackageFactory.Entry(exported, name));
        }

        // Entry order is kept, only the nuspec's name changes.
        var localNames = LocalPackageFactory.EntryNames(local).Select(n => n.Replace("bitlocal.hello.world.nuspec", "user.my-collection.hello.world.nuspec"));
        Assert.Equal(localNames, LocalPackageFactory.EntryNames(exported));
    }

    [Fact]
    public void Unchanged_entries_keep_their_compressed_bytes_and_rewritten_ones_are_stored()
    {
        var local = LocalPackageFactory.Create("hello/world", "0.0.2", new Dictionary<string, string> { ["utils/string"] = "0.0.1" });
        var exported = Rewrite(local, "user.my-collection", "user.my-collection.hello.world", UtilsInCollection);

        var before = StoredZipArchive.TryRead(local)!.ToDictionary(e => e.Name);
        var after = StoredZipArchive.TryRead(exported)!.ToDictionary(e => e.Name);
        foreach (var name in new[] { "lib/net10.0/Thing.dll", "bit/src/Thing.cs", "[Content_Types].xml" })
        {
            Assert.Equal(before[name].LocalRecord.ToArray(), after[name].LocalRecord.ToArray());
        }

        // The nuspec is stored uncompressed, so a folder scope can write its .nuspec file without inflating anything.
        Assert.Equal(LocalPackageFactory.Entry(exported, "user.my-collection.hello.world.nuspec"), after["user.my-collection.hello.world.nuspec"].UncompressedContent!.Value.ToArray());
    }

    [Fact]
    public void Is_deterministic()
    {
        var local = LocalPackageFactory.Create("hello/world", "0.0.2", new Dictionary<string, string> { ["utils/string"] = "0.0.1" });
        var first = Rewrite(local, "user.my-collection", "user.my-collection.hello.world", UtilsInCollection);
        Thread.Sleep(1100); // a rewrite that stamped "now" anywhere would differ after a second
        var second = Rewrite(local, "user.my-collection", "user.my-collection.hello.world", UtilsInCollection);
        Assert.Equal(first, second);
    }

    [Fact]
    public void A_dependency_with_no_target_is_refused()
    {
        var local = LocalPackageFactory.Create("hello/world", "0.0.2", new Dictionary<string, string> { ["utils/string"] = "0.0.1" });
        var error = Assert.Throws<BitException>(() => Rewrite(local, "s", "s.hello.world", new Dictionary<string, DependencyTarget>()));
        Assert.Equal(DiagnosticCodes.DependencyNotInScope, error.Code);
    }

    [Fact]
    public void A_package_without_manifest_is_refused()
    {
        using var empty = new MemoryStream();
        using (new System.IO.Compression.ZipArchive(empty, System.IO.Compression.ZipArchiveMode.Create, leaveOpen: true))
        {
        }

        empty.Position = 0;
        var error = Assert.Throws<BitException>(() => PackageRewriter.Rewrite(empty, new MemoryStream(), "s", "s.x", new Dictionary<string, DependencyTarget>()));
        Assert.Equal(DiagnosticCodes.LocalPackageCorrupt, error.Code);
    }
}
