using System.Text.Json;
using BitBuild.EndToEnd.Tests.Infrastructure;
using static BitBuild.EndToEnd.Tests.Export.TaggedWorkspaceFixture;

namespace BitBuild.EndToEnd.Tests.Export;

/// <summary><c>dotnet bit remote add|list|remove</c> on a fresh workspace (no tag needed).</summary>
public sealed class RemoteCommandTests
{
    [Fact]
    public void Remotes_are_added_listed_and_removed_as_BitRemote_items()
    {
        using var ws = new TempWorkspace("remotes");
        SampleComponents.Create(ws, addComponents: false);

        Assert.Contains("no remotes", Expect(BitCli.Bit(ws.Root, "remote", "list")).StandardOutput);
        Expect(BitCli.Bit(ws.Root, "remote", "add", "user.my-collection", "../feeds/my-collection"));
        Expect(BitCli.Bit(ws.Root, "remote", "add", "bit.movie-app", "https://scopes.example.com/s/bit.movie-app/v3/index.json"));
        Assert.Contains("<BitRemote Include=\"user.my-collection\" Source=\"../feeds/my-collection\" />", ws.Read("BitWorkspace.props"));

        var list = Expect(BitCli.Bit(ws.Root, "remote", "list", "--json"));
        using (var json = JsonDocument.Parse(list.StandardOutput))
        {
            var remotes = json.RootElement.EnumerateArray().ToList();
            Assert.Equal(["bit.movie-app", "user.my-collection"], remotes.Select(r => r.GetProperty("name").GetString()));
            Assert.Equal("http", remotes[0].GetProperty("kind").GetString());
            Assert.Equal(Path.GetFullPath(ws.PathOf("../feeds/my-collection")), remotes[1].GetProperty("location").GetString());
        }

        Assert.Contains("error BIT3014", Expect(BitCli.Bit(ws.Root, "remote", "add", "user.my-collection", "elsewhere"), 1).StandardError);
        Assert.Contains("error BIT3013", Expect(BitCli.Bit(ws.Root, "remote", "add", "team.x", "http://example.com/v3/index.json"), 1).StandardError);
        Assert.Contains("error BIT1010", Expect(BitCli.Bit(ws.Root, "remote", "add", "Not..Valid", "x"), 2).StandardError);

        Expect(BitCli.Bit(ws.Root, "remote", "remove", "user.my-collection"));
        Assert.DoesNotContain("user.my-collection\"", ws.Read("BitWorkspace.props"));
        Assert.Contains("error BIT3015", Expect(BitCli.Bit(ws.Root, "remote", "remove", "user.my-collection"), 1).StandardError);
    }

    [Fact]
    public void Nothing_staged_is_nothing_to_export_with_exit_code_0()
    {
        using var ws = new TempWorkspace("nothing");
        SampleComponents.Create(ws);
        var result = Expect(BitCli.Bit(ws.Root, "export"));
        Assert.Contains("nothing to export", result.StandardOutput);
    }
}
