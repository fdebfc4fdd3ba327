using BitBuild.EndToEnd.Tests.Infrastructure;
using static BitBuild.EndToEnd.Tests.Export.TaggedWorkspaceFixture;

namespace BitBuild.EndToEnd.Tests.Export;

/// <summary><c>export --all</c> asks the scope what it holds, rather than trusting .bitmap's record of what was sent.</summary>
[Collection(ExportCollection.Name)]
public sealed class ExportAllTests(TaggedWorkspaceFixture fixture)
{
    [Fact]
    public void Export_all_re_sends_every_version_after_the_scope_was_deleted_and_recreated_and_skips_what_it_holds()
    {
        using var ws = fixture.Copy("export-all");
        using var feeds = new TempWorkspace("export-all-scope");
        var scope = feeds.PathOf("scope");
        Expect(BitCli.Bit(ws.Root, "remote", "add", "user.my-collection", scope));
        Expect(BitCli.Bit(ws.Root, "export"));
        var package = Path.Combine(scope, "user.my-collection.hello.world/0.0.1/user.my-collection.hello.world.0.0.1.nupkg");
        Assert.True(File.Exists(package));

        // The scope is lost and recreated empty: .bitmap still says both versions are there.
        Directory.Delete(scope, recursive: true);
        Directory.CreateDirectory(scope);
        Assert.Contains("nothing to export", Expect(BitCli.Bit(ws.Root, "export")).StandardOutput);

        var all = Expect(BitCli.Bit(ws.Root, "export", "--all"));

        Assert.Contains("2 components were exported to scope user.my-collection", all.StandardOutput);
        Assert.True(File.Exists(package));
        Assert.True(File.Exists(Path.Combine(scope, "user.my-collection.utils.string/0.0.1/user.my-collection.utils.string.0.0.1.nupkg")));

        // Run again: the scope has both with the same content, so both are skipped and nothing is rewritten.
        var bytes = File.ReadAllBytes(package);
        var again = Expect(BitCli.Bit(ws.Root, "export", "--all"));
        Assert.Contains("hello/world 0.0.1 is already in scope user.my-collection with the same content; skipped", again.StandardOutput);
        Assert.Equal(bytes, File.ReadAllBytes(package));
    }
}
