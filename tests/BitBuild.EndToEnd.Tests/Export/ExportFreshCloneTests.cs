using BitBuild.EndToEnd.Tests.Infrastructure;
using BitBuild.Engine.Processes;
using static BitBuild.EndToEnd.Tests.Export.TaggedWorkspaceFixture;

namespace BitBuild.EndToEnd.Tests.Export;

/// <summary>
/// .bitmap is committed and .bit/ is not: a clone (CI) has tags but no packages. Export rebuilds them from the sources,
/// only when the sources still hash to the tag.
/// </summary>
[Collection(ExportCollection.Name)]
public sealed class ExportFreshCloneTests(TaggedWorkspaceFixture fixture)
{
    [Fact]
    public void Export_from_a_fresh_clone_rebuilds_the_packages_when_the_sources_match_the_tag()
    {
        using var origin = fixture.Copy("origin");
        using var scopes = new TempWorkspace("clone-scope");
        Expect(BitCli.Bit(origin.Root, "remote", "add", "user.my-collection", scopes.PathOf("scope")));
        origin.GitInit();
        var clone = scopes.PathOf("clone");
        Assert.Equal(0, ProcessRunner.Run("git", ["clone", "-q", origin.Root, clone], scopes.Root).ExitCode);
        Assert.False(Directory.Exists(Path.Combine(clone, ".bit")));

        // Changed since tagged: refused, nothing sent.
        var source = Path.Combine(clone, "src/utils/string/Utils.String.cs");
        var original = File.ReadAllText(source);
        File.WriteAllText(source, original + "\n// changed\n");
        var refused = Expect(BitCli.Bit(clone, "export"), 1);
        Assert.Contains("error BIT3008", refused.StandardError);
        Assert.False(Directory.Exists(scopes.PathOf("scope")));

        File.WriteAllText(source, original);
        var export = Expect(BitCli.Bit(clone, "export"));
        Assert.Contains("2 components were exported to scope user.my-collection", export.StandardOutput);
        Assert.Contains("rebuilding 2 local packages", export.StandardOutput);
        Assert.True(File.Exists(scopes.PathOf("scope/user.my-collection.hello.world/0.0.1/user.my-collection.hello.world.0.0.1.nupkg")));

        // The origin exports the same tags to the same scope: same content, so it is skipped, not a conflict.
        var fromOrigin = Expect(BitCli.Bit(origin.Root, "export"));
        Assert.Contains("hello/world 0.0.1 is already in scope user.my-collection with the same content; skipped", fromOrigin.StandardOutput);
        Assert.Contains("user.my-collection/hello/world", Expect(BitCli.Bit(origin.Root, "list")).StandardOutput);
    }
}
