using BitBuild.EndToEnd.Tests.Export;
using static BitBuild.EndToEnd.Tests.Eject.EjectWorkspace;

namespace BitBuild.EndToEnd.Tests.Eject;

/// <summary>Eject from a scope on a NuGet v3 server: unreachable means a byte-exact rollback; reachable means the app runs from it.</summary>
[Collection(EjectCollection.Name)]
public sealed class EjectHttpScopeTests(EjectFixture fixture)
{
    [Fact]
    public void An_unreachable_http_scope_rolls_back_and_a_reachable_one_serves_the_app()
    {
        const string key = "eject-key";
        using var server = new MiniNuGetServer(key);
        using var ws = fixture.Copy("http");
        ws.AddScope("user.my-collection", server.IndexUrl);
        Expect(ws.Bit("export", "--api-key", key));

        // The scope's source now points at a port nothing listens on: restore cannot reach it, and every file goes back.
        string deadUrl;
        using (var stopped = new MiniNuGetServer(key))
        {
            deadUrl = stopped.IndexUrl;
        }

        Expect(ws.Bit("remote", "remove", "user.my-collection"));
        ws.AddScope("user.my-collection", deadUrl);
        var before = ws.Files();
        var failed = Expect(ws.Bit("eject", "hello/world"), 1);
        Assert.Contains("error BIT4008: Ejecting hello/world failed while restoring", failed.StandardError);
        Assert.Contains("The workspace was put back exactly as it was", failed.StandardError);
        ws.AssertUnchanged(before);

        // Back at the live server: eject restores from it and the app runs from the package.
        Expect(ws.Bit("remote", "remove", "user.my-collection"));
        ws.AddScope("user.my-collection", server.IndexUrl);
        var eject = Expect(ws.Bit("eject", "hello/world"));

        Assert.Contains("component hello/world was ejected: src/app/App.csproj, src/hello/app-kit/Hello.AppKit.csproj now reference user.my-collection.hello.world 0.0.1", eject.StandardOutput);
        Assert.Contains($"<add key=\"user.my-collection\" value=\"{server.IndexUrl}\" allowInsecureConnections=\"true\" />", ws.Read("NuGet.Config"));
        Expect(ws.DotNet("build", "src/app", "-nologo"));
        Assert.Equal(EjectFixture.AppOutput, Expect(ws.DotNet("run", "--project", "src/app", "--no-build")).StandardOutput.Trim());
    }
}
