using BitBuild.Engine.Diagnostics;
using BitBuild.Engine.Export;
using BitBuild.Engine.Packages;
using BitBuild.Engine.State;

namespace BitBuild.Engine.Tests.Export;

public sealed class LocalPackageVerifierTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("bit-verify-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    private string Write(byte[] package)
    {
        var path = Path.Combine(folder, Guid.NewGuid().ToString("N") + ".nupkg");
        File.WriteAllBytes(path, package);
        return path;
    }

    [Fact]
    public void Accepts_a_package_whose_sources_match_manifest_and_bitmap()
    {
        var package = LocalPackageFactory.Create("utils/string", "0.0.1", new Dictionary<string, string>());
        var hash = ComponentManifest.FromJson(LocalPackageFactory.Entry(package, ComponentManifest.PathInPackage)).Hash;
        var manifest = LocalPackageVerifier.Verify(Write(package), "utils/string", new TaggedVersion { Version = "0.0.1", Hash = hash });
        Assert.Equal(hash, manifest.Hash);
    }

    [Fact]
    public void Refuses_a_package_whose_sources_do_not_match_its_manifest()
    {
        var package = LocalPackageFactory.Create("utils/string", "0.0.1", new Dictionary<string, string>(), hashOverride: "sha256:" + new string('0', 64));
        var error = Assert.Throws<BitException>(() => LocalPackageVerifier.Verify(Write(package), "utils/string", new TaggedVersion { Version = "0.0.1", Hash = "sha256:" + new string('0', 64) }));
        Assert.Equal(DiagnosticCodes.LocalPackageCorrupt, error.Code);
    }

    [Fact]
    public void Refuses_a_package_whose_hash_differs_from_bitmap()
    {
        var package = LocalPackageFactory.Create("utils/string", "0.0.1", new Dictionary<string, string>());
        var error = Assert.Throws<BitException>(() => LocalPackageVerifier.Verify(Write(package), "utils/string", new TaggedVersion { Version = "0.0.1", Hash = "sha256:" + new string('1', 64) }));
        Assert.Equal(DiagnosticCodes.LocalPackageCorrupt, error.Code);
        Assert.Contains(".bitmap recorded", error.Message);
    }

    [Fact]
    public void Refuses_a_file_that_is_not_a_package()
    {
        var path = Path.Combine(folder, "broken.nupkg");
        File.WriteAllText(path, "not a zip");
        var error = Assert.Throws<BitException>(() => LocalPackageVerifier.Verify(path, "utils/string", new TaggedVersion { Version = "0.0.1", Hash = "x" }));
        Assert.Equal(DiagnosticCodes.LocalPackageEntryRefused, error.Code);
        Assert.Contains("not a plain zip archive", error.Message);
    }

    [Fact]
    public void Refuses_a_package_with_an_escaping_entry_naming_package_and_entry()
    {
        var package = LocalPackageFactory.WithEntry(LocalPackageFactory.Create("utils/string", "0.0.1", new Dictionary<string, string>()), "../../evil.targets", "<Project />"u8.ToArray());
        var hash = ComponentManifest.FromJson(LocalPackageFactory.Entry(package, ComponentManifest.PathInPackage)).Hash;
        var path = Write(package);
        var error = Assert.Throws<BitException>(() => LocalPackageVerifier.Verify(path, "utils/string", new TaggedVersion { Version = "0.0.1", Hash = hash }));
        Assert.Equal(DiagnosticCodes.LocalPackageEntryRefused, error.Code);
        Assert.Contains(path, error.Message);
        Assert.Contains("'../../evil.targets'", error.Message);
        Assert.Contains("utils/string 0.0.1", error.Message);
    }
}
