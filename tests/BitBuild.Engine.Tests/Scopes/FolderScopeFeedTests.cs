using BitBuild.Engine.Diagnostics;
using BitBuild.Engine.Packages;
using BitBuild.Engine.Scopes;
using BitBuild.Engine.Tests.Export;
using NuGet.Configuration;
using NuGet.Versioning;

namespace BitBuild.Engine.Tests.Scopes;

public sealed class FolderScopeFeedTests : IDisposable
{
    private readonly string root = Directory.CreateTempSubdirectory("bit-feed-").FullName;

    public void Dispose() => Directory.Delete(root, recursive: true);

    private FolderScopeFeed Feed(string folder) =>
        new(new ResolvedScope("user.my-collection", ScopeKind.Folder, folder, ScopeOrigin.BitRemote, new PackageSource(folder, "user.my-collection"), null));

    private string ScopePackage()
    {
        var local = LocalPackageFactory.Create("utils/string", "0.0.1", new Dictionary<string, string>());
        var path = Path.Combine(root, "user.my-collection.utils.string.0.0.1.nupkg");
        using var output = File.Create(path);
        PackageRewriter.Rewrite(new MemoryStream(local), output, "user.my-collection", "user.my-collection.utils.string", new Dictionary<string, DependencyTarget>());
        return path;
    }

    [Fact]
    public async Task Push_creates_the_scope_folder_in_NuGets_v3_layout_and_find_reads_the_hash()
    {
        var folder = Path.Combine(root, "scope");
        using var feed = Feed(folder);
        await feed.CheckWritableAsync(default);
        Assert.False(Directory.Exists(folder)); // the check changes nothing
        var version = NuGetVersion.Parse("0.0.1");
        Assert.Null(await feed.FindAsync("user.my-collection.utils.string", version, default));

        Assert.Equal(PushOutcome.Pushed, await feed.PushAsync(ScopePackage(), "user.my-collection.utils.string", version, default));
        var dir = Path.Combine(folder, "user.my-collection.utils.string", "0.0.1");
        Assert.True(File.Exists(Path.Combine(dir, "user.my-collection.utils.string.0.0.1.nupkg")));
        Assert.True(File.Exists(Path.Combine(dir, "user.my-collection.utils.string.nuspec")));
        Assert.True(File.Exists(Path.Combine(dir, "user.my-collection.utils.string.0.0.1.nupkg.sha512")));
        Assert.False(Directory.Exists(Path.Combine(dir, "lib"))); // not extracted
        var found = await feed.FindAsync("User.My-Collection.Utils.String", version, default);
        Assert.StartsWith("sha256:", found!.Hash);

        Assert.Equal(PushOutcome.AlreadyExists, await feed.PushAsync(ScopePackage(), "user.my-collection.utils.string", version, default));
    }

    [Fact]
    public async Task Writes_the_same_files_as_NuGets_OfflineFeedUtility()
    {
        var ours = Path.Combine(root, "ours");
        var nugets = Path.Combine(root, "nugets");
        var package = ScopePackage();
        using (var feed = Feed(ours))
        {
            await feed.PushAsync(package, "user.my-collection.utils.string", NuGetVersion.Parse("0.0.1"), default);
        }

        Directory.CreateDirectory(nugets);
        var log = NuGet.Common.NullLogger.Instance;
        await NuGet.Protocol.Core.Types.OfflineFeedUtility.AddPackageToSource(
            new NuGet.Protocol.Core.Types.OfflineFeedAddContext(package, nugets, log, true, true, true,
                new NuGet.Packaging.PackageExtractionContext(NuGet.Packaging.PackageSaveMode.Nupkg | NuGet.Packaging.PackageSaveMode.Nuspec, NuGet.Packaging.XmlDocFileSaveMode.None, null, log)),
            default);

        static string[] Files(string folder) => Directory.GetFiles(folder, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(folder, f)).Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(Files(nugets), Files(ours));
        foreach (var file in Files(nugets).Where(f => !f.EndsWith(".nupkg.metadata", StringComparison.Ordinal)))
        {
            Assert.Equal(File.ReadAllBytes(Path.Combine(nugets, file)), File.ReadAllBytes(Path.Combine(ours, file)));
        }

        var metadata = Files(nugets).Single(f => f.EndsWith(".nupkg.metadata", StringComparison.Ordinal));
        Assert.Equal(
            NuGet.Packaging.NupkgMetadataFileFormat.Read(Path.Combine(nugets, metadata)).ContentHash,
            NuGet.Packaging.NupkgMetadataFileFormat.Read(Path.Combine(ours, metadata)).ContentHash);
    }

    [Fact]
    public async Task A_scope_folder_whose_parent_is_missing_is_BIT3011()
    {
        using var feed = Feed(Path.Combine(root, "no", "such", "scope"));
        Assert.Equal(DiagnosticCodes.ScopeFolderMissing, (await Assert.ThrowsAsync<BitException>(() => feed.CheckWritableAsync(default))).Code);
    }

    [Fact]
    public async Task A_scope_path_that_is_a_file_is_BIT3012()
    {
        var file = Path.Combine(root, "a-file");
        File.WriteAllText(file, "x");
        using var feed = Feed(file);
        Assert.Equal(DiagnosticCodes.ScopeFolderNotWritable, (await Assert.ThrowsAsync<BitException>(() => feed.CheckWritableAsync(default))).Code);
    }
}
