using System.IO.Compression;
using BitBuild.EndToEnd.Tests.Infrastructure;
using static BitBuild.EndToEnd.Tests.Export.TaggedWorkspaceFixture;

namespace BitBuild.EndToEnd.Tests.Export;

/// <summary>Bad inputs and refusals: each fails with its BIT code, sends nothing and leaves the workspace as it was.</summary>
[Collection(ExportCollection.Name)]
public sealed class ExportFailureTests(TaggedWorkspaceFixture fixture)
{
    [Fact]
    public void An_unknown_scope_is_BIT3001_and_says_how_to_add_it()
    {
        using var ws = fixture.Copy("unknown-scope");
        var result = Expect(BitCli.Bit(ws.Root, "export", "nobody.knows"), 1);
        Assert.Contains("error BIT3001", result.StandardError);
        Assert.Contains("dotnet bit remote add nobody.knows", result.StandardError);
    }

    [Fact]
    public void An_invalid_scope_name_is_BIT1010()
    {
        using var ws = fixture.Copy("bad-scope");
        var result = Expect(BitCli.Bit(ws.Root, "export", "User..Collection"), 2);
        Assert.Contains("error BIT1010", result.StandardError);
    }

    [Fact]
    public void A_scope_folder_whose_parent_is_missing_is_BIT3011_and_one_whose_parent_exists_is_created()
    {
        using var ws = fixture.Copy("missing-folder");
        Expect(BitCli.Bit(ws.Root, "remote", "add", "user.my-collection", "no/such/place/scope"));
        var bitmap = File.ReadAllBytes(ws.PathOf(".bitmap"));
        var result = Expect(BitCli.Bit(ws.Root, "export"), 1);
        Assert.Contains("error BIT3011", result.StandardError);
        Assert.False(Directory.Exists(ws.PathOf("no")));
        Assert.Equal(bitmap, File.ReadAllBytes(ws.PathOf(".bitmap")));

        // A scope folder inside an existing folder is created by the first export.
        Expect(BitCli.Bit(ws.Root, "remote", "remove", "user.my-collection"));
        Expect(BitCli.Bit(ws.Root, "remote", "add", "user.my-collection", "scope"));
        Assert.Contains("2 components were exported", Expect(BitCli.Bit(ws.Root, "export")).StandardOutput);
        Assert.True(Directory.Exists(ws.PathOf("scope/user.my-collection.hello.world")));
    }

    [Fact]
    public void A_scope_that_cannot_be_written_is_BIT3012()
    {
        // Tests run as root, which chmod cannot stop; a scope path that is a regular file cannot be written by anyone.
        using var ws = fixture.Copy("not-writable");
        ws.Write("scope-file", "not a folder");
        Expect(BitCli.Bit(ws.Root, "remote", "add", "user.my-collection", "scope-file"));
        var bitmap = File.ReadAllBytes(ws.PathOf(".bitmap"));
        var result = Expect(BitCli.Bit(ws.Root, "export"), 1);
        Assert.Contains("error BIT3012", result.StandardError);
        Assert.Equal(bitmap, File.ReadAllBytes(ws.PathOf(".bitmap")));
    }

    [Fact]
    public void A_local_package_whose_content_does_not_match_its_hash_is_BIT3007_and_never_sent()
    {
        using var ws = fixture.Copy("corrupt");
        Expect(BitCli.Bit(ws.Root, "remote", "add", "user.my-collection", "scope"));
        var package = ws.PathOf(".bit/packages/utils.string/0.0.1/bitlocal.utils.string.0.0.1.nupkg");
        using (var zip = ZipFile.Open(package, ZipArchiveMode.Update))
        {
            var entry = zip.Entries.Single(e => e.FullName.StartsWith("bit/src/", StringComparison.Ordinal) && e.FullName.EndsWith(".cs", StringComparison.Ordinal));
            var name = entry.FullName;
            entry.Delete();
            using var writer = new StreamWriter(zip.CreateEntry(name).Open());
            writer.Write("// tampered\n");
        }

        var bitmap = File.ReadAllBytes(ws.PathOf(".bitmap"));
        var result = Expect(BitCli.Bit(ws.Root, "export"), 1);
        Assert.Contains("error BIT3007", result.StandardError);
        Assert.Contains("utils/string 0.0.1", result.StandardError);
        Assert.Equal(["(missing)"], ScopeSnapshot.Of(ws.PathOf("scope"))); // not even hello/world went: nothing is sent until all is checked
        Assert.Equal(bitmap, File.ReadAllBytes(ws.PathOf(".bitmap")));
    }

    [Fact]
    public void A_named_component_modified_since_its_tag_must_be_tagged_first_and_a_component_with_no_scope_is_left_out_with_a_warning()
    {
        using var ws = fixture.Copy("modified");
        ws.Write("src/hello/world/Extra.cs", "namespace Hello.World; public static class Extra {}\n");
        var result = Expect(BitCli.Bit(ws.Root, "export", "user.my-collection", "hello/world"), 1);
        Assert.Contains("error BIT3005", result.StandardError);
        Assert.Contains("dotnet bit tag hello/world", result.StandardError);

        ws.Write("BitWorkspace.props", ws.Read("BitWorkspace.props").Replace("<BitDefaultScope>user.my-collection</BitDefaultScope>", "<BitDefaultScope></BitDefaultScope>"));
        var noScope = Expect(BitCli.Bit(ws.Root, "export"));
        Assert.Contains("warning BIT3009: component hello/world was not exported", noScope.StandardError);
        Assert.Contains("nothing to export", noScope.StandardOutput);
    }

    [Fact]
    public void A_conflicting_export_from_a_second_workspace_fails_with_both_hashes_and_changes_nothing()
    {
        using var first = fixture.Copy("conflict-a");
        Expect(BitCli.Bit(first.Root, "remote", "add", "user.my-collection", "scope"));
        Expect(BitCli.Bit(first.Root, "export"));
        var scope = first.PathOf("scope");

        // A second workspace tags its own, different, hello/world 0.0.1.
        using var second = fixture.Copy("conflict-b");
        Directory.Delete(second.PathOf(".bit/packages"), recursive: true);
        second.Write(".bitmap", "{\n  \"format\": 1,\n  \"components\": {}\n}\n");
        second.Write("src/hello/world/Hello.World.cs", second.Read("src/hello/world/Hello.World.cs").Replace("\"hello \"", "\"bonjour \""));
        Expect(BitCli.Bit(second.Root, "tag"));
        Expect(BitCli.Bit(second.Root, "remote", "add", "user.my-collection", scope));

        var scopeBefore = ScopeSnapshot.Of(scope);
        var bitmapBefore = File.ReadAllBytes(second.PathOf(".bitmap"));
        var result = Expect(BitCli.Bit(second.Root, "export"), 1);
        Assert.Contains("error BIT3003", result.StandardError);
        Assert.Contains("hello/world 0.0.1", result.StandardError);
        Assert.DoesNotContain("utils/string 0.0.1 in scope", result.StandardError); // same content: not a conflict
        Assert.Contains(ShortHash(first, "hello/world"), result.StandardError);
        Assert.Contains(ShortHash(second, "hello/world"), result.StandardError);
        Assert.Equal(scopeBefore, ScopeSnapshot.Of(scope));
        Assert.Equal(bitmapBefore, File.ReadAllBytes(second.PathOf(".bitmap")));
    }

    private static string ShortHash(TempWorkspace ws, string id)
    {
        using var json = System.Text.Json.JsonDocument.Parse(File.ReadAllText(ws.PathOf(".bitmap")));
        var hash = json.RootElement.GetProperty("components").GetProperty(id).GetProperty("versions")[0].GetProperty("hash").GetString()!;
        return hash[..("sha256:".Length + 12)];
    }
}
