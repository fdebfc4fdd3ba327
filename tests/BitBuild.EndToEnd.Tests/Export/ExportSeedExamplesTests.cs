using System.Text.Json;
using BitBuild.EndToEnd.Tests.Infrastructure;
using static BitBuild.EndToEnd.Tests.Export.TaggedWorkspaceFixture;

namespace BitBuild.EndToEnd.Tests.Export;

/// <summary>The seed page's export examples, with their messages, and a consumer that takes the result from the scope.</summary>
[Collection(ExportCollection.Name)]
public sealed class ExportSeedExamplesTests(TaggedWorkspaceFixture fixture)
{
    [Fact]
    public void Export_to_a_scope_sends_every_staged_component_and_a_consumer_outside_the_workspace_uses_it()
    {
        using var ws = fixture.Copy("seed1");
        var scope = ws.PathOf("../" + Path.GetFileName(ws.Root) + "-my-collection");
        Expect(BitCli.Bit(ws.Root, "remote", "add", "user.my-collection", scope));
        try
        {
            var export = Expect(BitCli.Bit(ws.Root, "export", "user.my-collection"));
            Assert.Contains("2 components were exported to scope user.my-collection", export.StandardOutput);
            Assert.True(File.Exists(Path.Combine(scope, "user.my-collection.hello.world", "0.0.1", "user.my-collection.hello.world.0.0.1.nupkg")));
            Assert.True(File.Exists(Path.Combine(scope, "user.my-collection.utils.string", "0.0.1", "user.my-collection.utils.string.nuspec")));

            var list = Expect(BitCli.Bit(ws.Root, "list"));
            Assert.Contains("user.my-collection/hello/world", list.StandardOutput);
            Assert.Contains("user.my-collection/utils/string", list.StandardOutput);

            // Re-export is a no-op: nothing staged, the scope untouched.
            var before = ScopeSnapshot.Of(scope);
            var again = Expect(BitCli.Bit(ws.Root, "export", "user.my-collection"));
            Assert.Contains("nothing to export", again.StandardOutput);
            Assert.Equal(before, ScopeSnapshot.Of(scope));

            // Another team's project, outside the workspace, takes the component with plain NuGet tooling.
            using var consumer = new TempWorkspace("consumer");
            consumer.WriteNuGetConfig(("my-collection", scope));
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
            Expect(BitCli.DotNet(consumer.Root, "add", "package", "user.my-collection.hello.world"));
            Assert.Contains("user.my-collection.hello.world", consumer.Read("Consumer.csproj"));
            var run = Expect(BitCli.DotNet(consumer.Root, "run"));
            // "hello " comes from hello/world, "WORLD!" from its dependency utils/string, which NuGet resolved from the scope.
            Assert.Contains("hello WORLD!", run.StandardOutput);
        }
        finally
        {
            Directory.Delete(scope, recursive: true);
        }
    }

    [Fact]
    public void Export_of_one_component_to_another_scope_depends_on_its_dependency_in_its_own_scope()
    {
        using var ws = fixture.Copy("seed2");
        Expect(BitCli.Bit(ws.Root, "remote", "add", "user.my-collection", "scopes/my-collection"));
        Expect(BitCli.Bit(ws.Root, "remote", "add", "bit.movie-app", "scopes/movie-app"));
        Directory.CreateDirectory(ws.PathOf("scopes"));

        var first = Expect(BitCli.Bit(ws.Root, "export", "user.my-collection", "utils/*"));
        Assert.Contains("component utils/string was exported to scope user.my-collection", first.StandardOutput);

        var export = Expect(BitCli.Bit(ws.Root, "export", "bit.movie-app", "hello/world"));
        Assert.Contains("component hello/world was exported to scope bit.movie-app", export.StandardOutput);
        var nuspec = File.ReadAllText(ws.PathOf("scopes/movie-app/bit.movie-app.hello.world/0.0.1/bit.movie-app.hello.world.nuspec"));
        Assert.Contains("<dependency id=\"user.my-collection.utils.string\" version=\"[0.0.1]\"", nuspec);
        Assert.False(Directory.Exists(ws.PathOf("scopes/movie-app/bit.movie-app.utils.string")));

        // The first export named the scope, so it became hello/world's primary scope.
        var list = Expect(BitCli.Bit(ws.Root, "list", "--json"));
        using var json = JsonDocument.Parse(list.StandardOutput);
        var hello = json.RootElement.EnumerateArray().Single(e => e.GetProperty("id").GetString() == "hello/world");
        Assert.Equal("bit.movie-app", hello.GetProperty("scope").GetString());
        Assert.True(hello.GetProperty("exported").GetBoolean());
    }

    [Fact]
    public void Dry_run_prints_the_plan_and_changes_nothing_and_json_gives_the_same_facts()
    {
        using var ws = fixture.Copy("dry");
        Expect(BitCli.Bit(ws.Root, "remote", "add", "user.my-collection", "scope"));
        var bitmap = File.ReadAllBytes(ws.PathOf(".bitmap"));

        var dry = Expect(BitCli.Bit(ws.Root, "export", "--dry-run"));
        Assert.Contains("would send user.my-collection.utils.string 0.0.1 (utils/string)", dry.StandardOutput);
        Assert.Contains("would send user.my-collection.hello.world 0.0.1 (hello/world)", dry.StandardOutput);
        Assert.True(dry.StandardOutput.IndexOf("utils.string", StringComparison.Ordinal) < dry.StandardOutput.IndexOf("hello.world", StringComparison.Ordinal), "dependencies first");
        Assert.False(Directory.Exists(ws.PathOf("scope")));
        Assert.Equal(bitmap, File.ReadAllBytes(ws.PathOf(".bitmap")));

        var export = Expect(BitCli.Bit(ws.Root, "export", "--json"));
        using var json = JsonDocument.Parse(export.StandardOutput);
        var scope = Assert.Single(json.RootElement.GetProperty("scopes").EnumerateArray());
        Assert.Equal("user.my-collection", scope.GetProperty("scope").GetString());
        Assert.Equal(["hello/world", "utils/string"], scope.GetProperty("exportedComponents").EnumerateArray().Select(e => e.GetString()!).Order(StringComparer.Ordinal));
        Assert.All(scope.GetProperty("packages").EnumerateArray(), p => Assert.Equal("sent", p.GetProperty("status").GetString()));
        Assert.Contains("[1/2]", export.StandardError); // progress goes to stderr with --json, one line per component
    }
}
