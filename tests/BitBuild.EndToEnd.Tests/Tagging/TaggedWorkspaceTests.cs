using System.Globalization;
using BitBuild.EndToEnd.Tests.Infrastructure;
using BitBuild.EndToEnd.Tests.Tagging.Support;
using BitBuild.Engine.Hashing;

namespace BitBuild.EndToEnd.Tests.Tagging;

/// <summary>
/// What one <c>dotnet bit tag</c> of the three-component chain leaves behind, and what commands that must change nothing
/// do to it. The tests share one tagged workspace and never modify it (a failing command must leave it as it was).
/// </summary>
public sealed class TaggedWorkspaceTests(TaggedChainFixture fixture) : IClassFixture<TaggedChainFixture>
{
    private static readonly (string Id, string Name)[] Components =
    [
        (SampleComponents.UtilsString, "Utils.String"),
        (SampleComponents.HelloWorld, "Hello.World"),
        (SampleComponents.HelloAppKit, "Hello.AppKit"),
    ];

    private string Root => fixture.Root;

    [Fact]
    public void Tag_reports_every_component_at_its_first_version()
    {
        var output = CliAssert.Succeeded(fixture.TagResult).StandardOutput;

        Assert.Contains("3 components were tagged", output);
        Assert.Contains("utils/string@0.0.1", output);
        Assert.Contains("hello/world@0.0.1", output);
        Assert.Contains("hello/app-kit@0.0.1", output);
        Assert.DoesNotContain("auto-tagged", output);
    }

    [Fact]
    public void Bitmap_records_version_hash_message_time_and_exact_dependencies()
    {
        var expectedDependencies = new Dictionary<string, Dictionary<string, string>>
        {
            [SampleComponents.UtilsString] = [],
            [SampleComponents.HelloWorld] = new() { [SampleComponents.UtilsString] = "0.0.1" },
            [SampleComponents.HelloAppKit] = new() { [SampleComponents.HelloWorld] = "0.0.1" },
        };
        foreach (var (id, name) in Components)
        {
            var component = BitmapJson.Component(Root, id);
            Assert.Equal($"src/{id}/{name}.csproj", component.GetProperty("project").GetString());
            Assert.False(component.TryGetProperty("scope", out _), "no primary scope before the first export");
            var version = Assert.Single(BitmapJson.Versions(Root, id));
            Assert.Equal("0.0.1", version.GetProperty("version").GetString());
            Assert.Matches("^sha256:[0-9a-f]{64}$", version.GetProperty("hash").GetString());
            Assert.Equal(TaggedChainFixture.Message, version.GetProperty("message").GetString());
            var time = DateTimeOffset.Parse(version.GetProperty("time").GetString()!, CultureInfo.InvariantCulture);
            Assert.InRange(time, fixture.Before.AddSeconds(-1), fixture.After);
            Assert.Equal(expectedDependencies[id], BitmapJson.Dependencies(version));
            Assert.Empty(version.GetProperty("exportedTo").EnumerateArray());
        }
    }

    [Fact]
    public void Bitmap_is_stable_sorted_json_that_diffs_well()
    {
        var text = File.ReadAllText(Path.Combine(Root, ".bitmap"));

        Assert.DoesNotContain('\r', text);
        Assert.EndsWith("}\n", text);
        Assert.StartsWith("{\n  \"format\": 1,\n  \"components\": {\n    \"hello/app-kit\": {\n", text);
        Assert.True(text.IndexOf("\"hello/world\"", StringComparison.Ordinal) < text.IndexOf("\"utils/string\": {", StringComparison.Ordinal));
    }

    [Fact]
    public void Each_package_holds_build_output_sources_and_manifest()
    {
        foreach (var (id, name) in Components)
        {
            var package = LocalPackage.Open(Root, id, "0.0.1");
            var version = Assert.Single(BitmapJson.Versions(Root, id));

            Assert.Contains($"lib/net10.0/{name}.dll", package.Entries);
            Assert.Equal([$"{name}.cs", $"{name}.csproj"], package.Sources.Keys.Order(StringComparer.Ordinal));
            Assert.Equal(File.ReadAllBytes(Path.Combine(Root, "src", id, $"{name}.cs")), package.Sources[$"{name}.cs"]);
            Assert.DoesNotContain(package.Entries, e => e.StartsWith("bit/src/", StringComparison.Ordinal) && (e.Contains("/bin/") || e.Contains("/obj/")));

            var manifest = package.Manifest;
            Assert.Equal(id, manifest.GetProperty("id").GetString());
            Assert.Equal("0.0.1", manifest.GetProperty("version").GetString());
            Assert.Equal(version.GetProperty("hash").GetString(), manifest.GetProperty("hash").GetString());
            Assert.Equal(TaggedChainFixture.Message, manifest.GetProperty("message").GetString());
            Assert.Equal($"bitlocal.{id.Replace('/', '.')}", manifest.GetProperty("packageId").GetString());
            Assert.Equal(
                BitmapJson.Dependencies(version),
                manifest.GetProperty("dependencies").EnumerateArray().ToDictionary(d => d.GetProperty("id").GetString()!, d => d.GetProperty("version").GetString()!));

            // The manifest's hash is the hash of the sources in the package: export can verify a package without the workspace.
            Assert.Equal(manifest.GetProperty("hash").GetString(), ContentHash.Of(package.Sources.Select(s => (s.Key, (Func<Stream>)(() => new MemoryStream(s.Value))))));
            Assert.Equal($"bitlocal.{id.Replace('/', '.')}", package.NuspecValue("id"));
            Assert.Equal("0.0.1", package.NuspecValue("version"));
        }

        Assert.Equal("0.0.1", LocalPackage.Open(Root, SampleComponents.HelloWorld, "0.0.1").NuspecDependencies()["bitlocal.utils.string"]);
        Assert.Equal("0.0.1", LocalPackage.Open(Root, SampleComponents.HelloAppKit, "0.0.1").NuspecDependencies()["bitlocal.hello.world"]);
    }

    [Fact]
    public void The_components_were_packed_by_one_MSBuild_invocation()
    {
        var logs = Directory.GetFiles(Path.Combine(Root, "pack-log"), "*.txt").ToDictionary(f => Path.GetFileNameWithoutExtension(f)!, f => File.ReadAllText(f).Trim());

        Assert.Equal(["Hello.AppKit", "Hello.World", "Utils.String"], logs.Keys.Order(StringComparer.Ordinal));
        var solution = Assert.Single(logs.Values.Distinct());
        Assert.EndsWith(".slnx", solution);
        Assert.Contains($"{Path.DirectorySeparatorChar}.bit{Path.DirectorySeparatorChar}", solution);
    }

    [Fact]
    public void Status_shows_every_component_staged_even_after_the_build_wrote_bin_and_obj()
    {
        Assert.True(Directory.Exists(Path.Combine(Root, "src/hello/world/obj")), "the tag built the projects in place");

        var status = StatusJson.Status(Root);

        foreach (var (id, _) in Components)
        {
            Assert.Equal("staged", status[id].GetProperty("status").GetString());
            Assert.Equal("0.0.1", status[id].GetProperty("version").GetString());
            Assert.Equal(["0.0.1"], status[id].GetProperty("stagedVersions").EnumerateArray().Select(v => v.GetString()));
            Assert.Equal("user.my-collection", status[id].GetProperty("pendingScope").GetString());
        }

        var text = CliAssert.Succeeded(BitCli.Bit(Root, "status")).StandardOutput;
        Assert.Contains("staged components", text);
        Assert.Contains("hello/world 0.0.1 (first export goes to user.my-collection)", text);
    }

    [Fact]
    public void Sources_are_what_git_would_track_ignored_files_do_not_modify_a_component()
    {
        // The fixture is a git repository. Its .gitignore is restored afterwards so the other tests see it unchanged.
        var gitignore = Path.Combine(Root, ".gitignore");
        var original = File.ReadAllText(gitignore);
        var ignored = Path.Combine(Root, "src/hello/world/local.secret");
        var untracked = Path.Combine(Root, "src/hello/world/Extra.cs");
        try
        {
            File.AppendAllText(gitignore, "*.secret\n");
            File.WriteAllText(ignored, "ignored by git");
            Assert.Equal("staged", StatusJson.Stages(Root)[SampleComponents.HelloWorld]);

            File.WriteAllText(untracked, "namespace Hello.World; public static class Extra { }");
            Assert.Equal("modified", StatusJson.Stages(Root)[SampleComponents.HelloWorld]);
        }
        finally
        {
            File.Delete(untracked);
            File.Delete(ignored);
            File.WriteAllText(gitignore, original);
        }

        Assert.Equal("staged", StatusJson.Stages(Root)[SampleComponents.HelloWorld]);
    }

    [Fact]
    public void List_shows_latest_version_no_scope_and_not_exported()
    {
        var list = StatusJson.List(Root);

        Assert.Equal([SampleComponents.HelloAppKit, SampleComponents.HelloWorld, SampleComponents.UtilsString], list.Keys);
        foreach (var (id, _) in Components)
        {
            Assert.Equal(id, list[id].GetProperty("name").GetString());
            Assert.Equal("0.0.1", list[id].GetProperty("version").GetString());
            Assert.Equal(System.Text.Json.JsonValueKind.Null, list[id].GetProperty("scope").ValueKind);
            Assert.False(list[id].GetProperty("exported").GetBoolean());
        }

        var text = CliAssert.Succeeded(BitCli.Bit(Root, "list")).StandardOutput;
        Assert.Matches(@"hello/world\s+0\.0\.1\s+staged", text);
    }

    [Fact]
    public void Tagging_unmodified_components_does_nothing_and_says_so()
    {
        var before = WorkspaceSnapshot.Take(Root);

        var named = CliAssert.Succeeded(BitCli.Bit(Root, "tag", SampleComponents.HelloWorld));
        var all = CliAssert.Succeeded(BitCli.Bit(Root, "tag"));
        var allOption = CliAssert.Succeeded(BitCli.Bit(Root, "tag", "--all", "--minor"));

        Assert.Contains("hello/world is unchanged since its last tag; nothing to tag", named.StandardOutput);
        Assert.Contains("nothing to tag", all.StandardOutput);
        Assert.Contains("nothing to tag", allOption.StandardOutput);
        before.AssertUnchanged(Root);
    }

    [Fact]
    public void Unknown_id_is_BIT1006_and_changes_nothing()
    {
        var before = WorkspaceSnapshot.Take(Root);

        var result = CliAssert.Failed(BitCli.Bit(Root, "tag", "hello/nobody"), "BIT1006");

        Assert.Contains("hello/nobody", result.StandardError);
        Assert.Contains("hello/world", result.StandardError);
        CliAssert.Failed(BitCli.Bit(Root, "tag", "nothing/*"), "BIT1006");
        CliAssert.Failed(BitCli.Bit(Root, "untag", "hello/nobody"), "BIT1006");
        before.AssertUnchanged(Root);
    }

    [Fact]
    public void Invalid_id_is_BIT1005_and_changes_nothing()
    {
        var before = WorkspaceSnapshot.Take(Root);

        var result = CliAssert.Failed(BitCli.Bit(Root, "tag", "Hello/World"), "BIT1005", exitCode: 2);

        Assert.Contains("'Hello/World' is not a valid component id", result.StandardError);
        before.AssertUnchanged(Root);
    }

    [Fact]
    public void Untagging_a_version_others_depend_on_is_BIT2009_and_changes_nothing()
    {
        var before = WorkspaceSnapshot.Take(Root);

        var result = CliAssert.Failed(BitCli.Bit(Root, "untag", SampleComponents.UtilsString), "BIT2009");

        Assert.Contains("hello/world 0.0.1", result.StandardError);
        CliAssert.Failed(BitCli.Bit(Root, "untag", SampleComponents.HelloWorld, "0.0.7"), "BIT2008");
        before.AssertUnchanged(Root);
    }
}
