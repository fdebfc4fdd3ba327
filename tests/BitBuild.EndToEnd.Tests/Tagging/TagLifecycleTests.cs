using BitBuild.EndToEnd.Tests.Infrastructure;
using BitBuild.EndToEnd.Tests.Tagging.Support;

namespace BitBuild.EndToEnd.Tests.Tagging;

/// <summary>
/// A component's life through tag, edit, tag and untag, as a user walks it (one workspace, steps in order: each tag is a
/// real pack, so the steps share the workspace rather than rebuilding it).
/// </summary>
public sealed class TagLifecycleTests
{
    private const string Utils = SampleComponents.UtilsString;
    private const string World = SampleComponents.HelloWorld;
    private const string AppKit = SampleComponents.HelloAppKit;

    [Fact]
    public void New_tag_staged_edit_modified_tag_auto_tags_dependents_then_untag()
    {
        using var ws = new TempWorkspace("lifecycle");
        SampleComponents.Create(ws);
        Assert.All(StatusJson.Stages(ws.Root).Values, s => Assert.Equal("new", s));

        // A dependency that was never tagged blocks tagging its dependent alone; nothing is built.
        var before = WorkspaceSnapshot.Take(ws.Root);
        Assert.Contains("hello/world depends on utils/string, which has never been tagged", CliAssert.Failed(BitCli.Bit(ws.Root, "tag", World), "BIT2005").StandardError);
        before.AssertUnchanged(ws.Root);

        CliAssert.Succeeded(BitCli.Bit(ws.Root, "tag"));
        Assert.All(StatusJson.Stages(ws.Root).Values, s => Assert.Equal("staged", s));

        // Edit utils/string: it is modified, the others stay staged.
        File.AppendAllText(ws.PathOf("src/utils/string/Utils.String.cs"), "\n// louder\n");
        var stages = StatusJson.Stages(ws.Root);
        Assert.Equal("modified", stages[Utils]);
        Assert.Equal("staged", stages[World]);
        Assert.Equal("staged", stages[AppKit]);
        Assert.Contains("utils/string (last tagged 0.0.1, staged 0.0.1)", CliAssert.Succeeded(BitCli.Bit(ws.Root, "status")).StandardOutput);

        // A dependent cannot be tagged against a modified dependency.
        before = WorkspaceSnapshot.Take(ws.Root);
        File.AppendAllText(ws.PathOf("src/hello/world/Hello.World.cs"), "\n// edited too\n");
        CliAssert.Failed(BitCli.Bit(ws.Root, "tag", World), "BIT2010");
        File.WriteAllText(ws.PathOf("src/hello/world/Hello.World.cs"), File.ReadAllText(ws.PathOf("src/hello/world/Hello.World.cs")).Replace("\n// edited too\n", string.Empty));

        // Bad versions: nothing recorded, nothing packed.
        Assert.Contains("its last version is 0.0.1", CliAssert.Failed(BitCli.Bit(ws.Root, "tag", Utils, "0.0.1"), "BIT2001").StandardError);
        CliAssert.Failed(BitCli.Bit(ws.Root, "tag", Utils, "1.0"), "BIT2002", exitCode: 2);
        CliAssert.Failed(BitCli.Bit(ws.Root, "tag", Utils, "--pre-release", "not valid"), "BIT2002", exitCode: 2);
        before.AssertUnchanged(ws.Root);

        // Tagging the dependency auto-tags both dependents at their next patch, and says so.
        var tag = CliAssert.Succeeded(BitCli.Bit(ws.Root, "tag", Utils, "-m", "louder"));
        Assert.Contains("1 component was tagged", tag.StandardOutput);
        Assert.Contains("utils/string@0.0.2", tag.StandardOutput);
        Assert.Contains("2 dependents were auto-tagged so they depend on the new versions", tag.StandardOutput);
        Assert.Contains("hello/world@0.0.2 (depends on utils/string@0.0.2)", tag.StandardOutput);
        Assert.Contains("hello/app-kit@0.0.2 (depends on hello/world@0.0.2)", tag.StandardOutput);

        Assert.Equal(["0.0.1", "0.0.2"], BitmapJson.VersionNumbers(ws.Root, World));
        Assert.Equal(new Dictionary<string, string> { [Utils] = "0.0.2" }, BitmapJson.Dependencies(BitmapJson.Versions(ws.Root, World)[1]));
        Assert.Equal(new Dictionary<string, string> { [World] = "0.0.2" }, BitmapJson.Dependencies(BitmapJson.Versions(ws.Root, AppKit)[1]));
        Assert.Equal("louder", BitmapJson.Versions(ws.Root, Utils)[1].GetProperty("message").GetString());
        Assert.Equal("0.0.2", LocalPackage.Open(ws.Root, World, "0.0.2").NuspecDependencies()["bitlocal.utils.string"]);
        Assert.Equal("0.0.2", LocalPackage.Open(ws.Root, AppKit, "0.0.2").NuspecDependencies()["bitlocal.hello.world"]);
        Assert.All(StatusJson.Stages(ws.Root).Values, s => Assert.Equal("staged", s));

        // untag: a version others depend on stays; the dependent goes first, or both go together.
        before = WorkspaceSnapshot.Take(ws.Root);
        CliAssert.Failed(BitCli.Bit(ws.Root, "untag", Utils), "BIT2009");
        before.AssertUnchanged(ws.Root);

        Assert.Contains("untagged hello/app-kit@0.0.2", CliAssert.Succeeded(BitCli.Bit(ws.Root, "untag", AppKit)).StandardOutput);
        Assert.Equal(["0.0.1"], BitmapJson.VersionNumbers(ws.Root, AppKit));
        Assert.False(File.Exists(LocalPackage.PathOf(ws.Root, AppKit, "0.0.2")), "the untagged package is removed from the local scope");
        Assert.True(File.Exists(LocalPackage.PathOf(ws.Root, AppKit, "0.0.1")));

        var both = CliAssert.Succeeded(BitCli.Bit(ws.Root, "untag", Utils, World));
        Assert.Contains("untagged utils/string@0.0.2", both.StandardOutput);
        Assert.Contains("untagged hello/world@0.0.2", both.StandardOutput);
        Assert.Equal(["0.0.1"], BitmapJson.VersionNumbers(ws.Root, Utils));
        Assert.False(File.Exists(LocalPackage.PathOf(ws.Root, World, "0.0.2")));

        // utils/string's sources still carry the edit, so it is modified again relative to 0.0.1.
        stages = StatusJson.Stages(ws.Root);
        Assert.Equal("modified", stages[Utils]);
        Assert.Equal("staged", stages[World]);

        // Untagging a named older version that a remaining version depends on is refused.
        CliAssert.Failed(BitCli.Bit(ws.Root, "untag", Utils, "0.0.1"), "BIT2009");
        Assert.Contains("untagged hello/app-kit@0.0.1", CliAssert.Succeeded(BitCli.Bit(ws.Root, "untag", AppKit, "0.0.1")).StandardOutput);
        Assert.Equal("new", StatusJson.Stages(ws.Root)[AppKit]);
    }
}
