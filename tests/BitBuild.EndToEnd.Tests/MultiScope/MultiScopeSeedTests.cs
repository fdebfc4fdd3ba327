using System.Text.Json;
using BitBuild.EndToEnd.Tests.Export;
using BitBuild.EndToEnd.Tests.Infrastructure;
using static BitBuild.EndToEnd.Tests.Export.TaggedWorkspaceFixture;

namespace BitBuild.EndToEnd.Tests.MultiScope;

/// <summary>
/// The seed's "Multiple Remote Scopes" section with real NuGet restores: compA = hello/world depends on compB =
/// utils/string. After 'export scope1', 'export scope2 compA --include-dependencies' makes scope2.compA depend on
/// scope1.compB; with --rewire it depends on the copy scope2.compB. Consumers restore, build and run.
/// </summary>
[Collection(ExportCollection.Name)]
public sealed class MultiScopeSeedTests(TaggedWorkspaceFixture fixture)
{
    [Fact]
    public void Include_dependencies_without_rewire_keeps_the_copy_depending_on_the_original_scope()
    {
        using var ws = fixture.Copy("ms-deps");
        AddScopes(ws, "scope1", "scope2");
        Assert.Contains("2 components were exported to scope scope1", Expect(BitCli.Bit(ws.Root, "export", "scope1")).StandardOutput);

        var export = Expect(BitCli.Bit(ws.Root, "export", "scope2", "hello/world", "--include-dependencies"));
        Assert.Contains("2 components were exported to scope scope2", export.StandardOutput);
        Assert.Contains("<dependency id=\"scope1.utils.string\" version=\"[0.0.1]\"", Nuspec(ws, "scope2", "hello.world"));
        Assert.True(File.Exists(ws.PathOf("scopes/scope2/scope2.utils.string/0.0.1/scope2.utils.string.0.0.1.nupkg")), "the dependency was copied to scope2 too");

        // A consumer of scope2.hello.world gets utils/string from scope1, where the copy still points.
        var assets = Consume(ws, "scope2.hello.world", ("scope1", ws.PathOf("scopes/scope1")), ("scope2", ws.PathOf("scopes/scope2")));
        Assert.Contains("scope1.utils.string/0.0.1", assets);
        Assert.DoesNotContain("scope2.utils.string", assets);

        // The primary scope stays scope1: both components are exported there, the copies are extra scopes.
        var list = ListJson(ws);
        Assert.All(list, c => Assert.Equal("scope1", c.GetProperty("scope").GetString()));
        Assert.Contains("scope1/hello/world", Expect(BitCli.Bit(ws.Root, "list")).StandardOutput);
    }

    [Fact]
    public void Include_dependencies_with_rewire_makes_the_copy_depend_on_the_copy()
    {
        using var ws = fixture.Copy("ms-rewire");
        AddScopes(ws, "scope1", "scope3");
        Expect(BitCli.Bit(ws.Root, "export", "scope1"));

        var dry = Expect(BitCli.Bit(ws.Root, "export", "scope3", "hello/world", "--include-dependencies", "--rewire", "--dry-run"));
        Assert.Contains("would send scope3.hello.world 0.0.1 (hello/world)", dry.StandardOutput);
        Assert.Contains("depending on scope3.utils.string [0.0.1]", dry.StandardOutput);
        Assert.False(Directory.Exists(ws.PathOf("scopes/scope3")) && Directory.EnumerateFileSystemEntries(ws.PathOf("scopes/scope3")).Any(), "a dry run sends nothing");

        Expect(BitCli.Bit(ws.Root, "export", "scope3", "hello/world", "--include-dependencies", "--rewire"));
        Assert.Contains("<dependency id=\"scope3.utils.string\" version=\"[0.0.1]\"", Nuspec(ws, "scope3", "hello.world"));

        // The global packages folder is shared by the test run, so this test uses its own scope name (scope3) rather than
        // reusing scope2.hello.world 0.0.1, which another test exports with different dependencies.
        // Only scope3 is configured: the rewired copy is self-contained.
        var assets = Consume(ws, "scope3.hello.world", ("scope3", ws.PathOf("scopes/scope3")));
        Assert.Contains("scope3.utils.string/0.0.1", assets);
        Assert.DoesNotContain("scope1.utils.string", assets);
    }

    [Fact]
    public void A_version_exported_only_to_another_scope_stays_staged_until_set_current_scope()
    {
        using var ws = fixture.Copy("ms-staged");
        AddScopes(ws, "user.my-scope", "user.other-scope");

        // First export without a scope goes to the default scope, which becomes primary.
        Expect(BitCli.Bit(ws.Root, "init", "--default-scope", "user.my-scope"));
        Assert.Contains("2 components were exported to scope user.my-scope", Expect(BitCli.Bit(ws.Root, "export")).StandardOutput);

        // A new version of utils/string (hello/world is auto-tagged), exported only to the other scope.
        File.AppendAllText(ws.PathOf("src/utils/string/Utils.String.cs"), "\n// second version\n");
        Expect(BitCli.Bit(ws.Root, "tag", "utils/string"));
        var other = Expect(BitCli.Bit(ws.Root, "export", "user.other-scope", "utils/string"));
        Assert.Contains("stays staged: utils/string was exported to user.other-scope; not yet to its primary scope user.my-scope", other.StandardOutput);
        Assert.True(File.Exists(ws.PathOf("scopes/user.other-scope/user.other-scope.utils.string/0.0.2/user.other-scope.utils.string.0.0.2.nupkg")));

        var status = Expect(BitCli.Bit(ws.Root, "status")).StandardOutput;
        Assert.Contains("exported to user.other-scope; not yet to its primary scope user.my-scope", status);
        Assert.Equal("user.my-scope", Component(ListJson(ws), "utils/string").GetProperty("scope").GetString());
        Assert.False(Component(ListJson(ws), "utils/string").GetProperty("exported").GetBoolean());

        // --set-current-scope makes the other scope primary: the component counts as exported there.
        var moved = Expect(BitCli.Bit(ws.Root, "export", "user.other-scope", "utils/string", "--set-current-scope"));
        Assert.Contains("the primary scope of utils/string is now user.other-scope (was user.my-scope)", moved.StandardOutput);
        var utils = Component(ListJson(ws), "utils/string");
        Assert.Equal("user.other-scope", utils.GetProperty("scope").GetString());
        Assert.True(utils.GetProperty("exported").GetBoolean());
        Assert.Contains("user.other-scope/utils/string", Expect(BitCli.Bit(ws.Root, "list")).StandardOutput);

        // Later exports with no scope go to the new primary scope; hello/world 0.0.2 still goes to its own (user.my-scope)
        // and depends on utils/string in utils/string's primary scope, which now is user.other-scope.
        var rest = Expect(BitCli.Bit(ws.Root, "export"));
        Assert.Contains("component hello/world was exported to scope user.my-scope", rest.StandardOutput);
        Assert.Contains("<dependency id=\"user.other-scope.utils.string\" version=\"[0.0.2]\"", Nuspec(ws, "user.my-scope", "hello.world", "0.0.2"));
    }

    [Fact]
    public void Multi_scope_options_without_a_scope_or_rewire_of_a_modified_component_fail_and_change_nothing()
    {
        using var ws = fixture.Copy("ms-bad");
        AddScopes(ws, "scope1", "scope2");
        var bitmap = File.ReadAllBytes(ws.PathOf(".bitmap"));
        foreach (var option in new[] { "--include-dependencies", "--rewire", "--set-current-scope" })
        {
            var result = BitCli.Bit(ws.Root, "export", "hello/world", option);
            Assert.Equal(2, result.ExitCode);
            Assert.Contains("error BIT3017", result.StandardError);
        }

        File.AppendAllText(ws.PathOf("src/hello/world/Hello.World.cs"), "\n// not tagged\n");
        var rewire = BitCli.Bit(ws.Root, "export", "scope2", "--include-dependencies", "--rewire");
        Assert.Equal(1, rewire.ExitCode);
        Assert.Contains("error BIT3018", rewire.StandardError);
        Assert.Equal(bitmap, File.ReadAllBytes(ws.PathOf(".bitmap")));
        Assert.False(Directory.Exists(ws.PathOf("scopes/scope2")) && Directory.EnumerateFileSystemEntries(ws.PathOf("scopes/scope2")).Any());
    }

    private static void AddScopes(TempWorkspace ws, params string[] scopes)
    {
        foreach (var scope in scopes)
        {
            Directory.CreateDirectory(ws.PathOf("scopes/" + scope));
            Expect(BitCli.Bit(ws.Root, "remote", "add", scope, "scopes/" + scope));
        }
    }

    private static string Nuspec(TempWorkspace ws, string scope, string id, string version = "0.0.1") =>
        File.ReadAllText(ws.PathOf($"scopes/{scope}/{scope}.{id}/{version}/{scope}.{id}.nuspec"));

    private static List<JsonElement> ListJson(TempWorkspace ws)
    {
        using var json = JsonDocument.Parse(Expect(BitCli.Bit(ws.Root, "list", "--json")).StandardOutput);
        return json.RootElement.EnumerateArray().Select(e => e.Clone()).ToList();
    }

    private static JsonElement Component(List<JsonElement> list, string id) => list.Single(e => e.GetProperty("id").GetString() == id);

    /// <summary>A consumer outside the workspace adds the package, builds and runs; returns its obj/project.assets.json.</summary>
    private static string Consume(TempWorkspace ws, string packageId, params (string Name, string Source)[] sources)
    {
        using var consumer = new TempWorkspace("ms-consumer");
        consumer.WriteNuGetConfig(sources);
        consumer.Write("Consumer.csproj", """
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
                <ImplicitUsings>enable</ImplicitUsings>
              </PropertyGroup>
            </Project>
            """);
        consumer.Write("Program.cs", "Console.WriteLine(Hello.World.Greeter.Greet(\"world\"));\n");
        Expect(BitCli.DotNet(consumer.Root, "add", "package", packageId));
        var run = Expect(BitCli.DotNet(consumer.Root, "run"));
        Assert.Contains("hello WORLD!", run.StandardOutput);
        return consumer.Read("obj/project.assets.json");
    }
}
