using BitBuild.EndToEnd.Tests.Infrastructure;
using static BitBuild.EndToEnd.Tests.Export.TaggedWorkspaceFixture;

namespace BitBuild.EndToEnd.Tests.Export;

/// <summary>Export to a NuGet v3 server (a loopback one the test runs): push with the API key, existence checks, re-runs.</summary>
[Collection(ExportCollection.Name)]
public sealed class ExportHttpScopeTests(TaggedWorkspaceFixture fixture)
{
    [Fact]
    public void Export_pushes_to_an_http_scope_with_the_api_key_and_never_prints_it()
    {
        const string key = "s3cret-key-123";
        using var server = new MiniNuGetServer(key);
        using var ws = fixture.Copy("http");
        Expect(BitCli.Bit(ws.Root, "remote", "add", "user.my-collection", server.IndexUrl));

        var wrongKey = Expect(BitCli.Bit(ws.Root, "export", "--api-key", "wrong-key"), 1);
        Assert.Contains("error BIT3010", wrongKey.StandardError);
        Assert.DoesNotContain("wrong-key", wrongKey.CombinedOutput);
        Assert.Empty(server.PackageKeys);

        var export = Expect(BitCli.Bit(ws.Root, "export", "--api-key", key));
        Assert.Contains("2 components were exported to scope user.my-collection", export.StandardOutput);
        Assert.DoesNotContain(key, export.CombinedOutput);
        Assert.Equal(["user.my-collection.utils.string/0.0.1", "user.my-collection.hello.world/0.0.1"], server.Pushes.TakeLast(2));
        Assert.Contains("user.my-collection/hello/world", Expect(BitCli.Bit(ws.Root, "list")).StandardOutput);

        // A second workspace with the same tags: found on the server with the same hash, skipped, nothing pushed.
        using var other = fixture.Copy("http-again");
        Expect(BitCli.Bit(other.Root, "remote", "add", "user.my-collection", server.IndexUrl));
        var pushes = server.Pushes.Count;
        var again = Expect(BitCli.Bit(other.Root, "export", "--api-key", key));
        Assert.Contains("hello/world 0.0.1 is already in scope user.my-collection with the same content; skipped", again.StandardOutput);
        Assert.Equal(pushes, server.Pushes.Count);
    }
}
