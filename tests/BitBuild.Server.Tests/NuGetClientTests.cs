using System.Text.Json;
using BitBuild.Server.Security;
using BitBuild.Server.Tests.Infrastructure;

namespace BitBuild.Server.Tests;

/// <summary>
/// The real dotnet CLI against the real server on 127.0.0.1: pack, push (201, 409, --skip-duplicate, bad keys),
/// dotnet add package without a version, build and run a consumer, dotnet package search, dotnet nuget delete (unlist).
/// One test, because every step needs the previous one and each CLI call costs seconds.
/// </summary>
[Collection(DotNetCliCollection.Name)]
public sealed class NuGetClientTests
{
    private const string Scope = "acme.tools";

    [Fact]
    public async Task Push_consume_search_and_unlist_with_the_dotnet_cli()
    {
        await using var server = await TestServer.StartAsync();
        server.CreateScope(Scope);
        var writeKey = server.CreateKey(Scope, KeyRights.Write);
        var readKey = server.CreateKey(Scope, KeyRights.Read);
        var feed = server.Feed(Scope);
        using var sandbox = new NuGetSandbox();

        // A real library packed by the SDK, carrying bit/component.json as exported component packages do.
        var lib = Directory.CreateDirectory(sandbox.Combine("greeter")).FullName;
        File.WriteAllText(Path.Combine(lib, "Greeter.csproj"), """
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <TargetFramework>net10.0</TargetFramework>
                <PackageId>acme.tools.greeter</PackageId>
                <Version>1.2.0</Version>
                <Description>Says hello</Description>
              </PropertyGroup>
              <ItemGroup><None Include="component.json" Pack="true" PackagePath="bit/" /></ItemGroup>
            </Project>
            """);
        File.WriteAllText(Path.Combine(lib, "Greeter.cs"), "namespace Acme; public static class Greeter { public static string Hello(string name) => $\"Hello, {name}!\"; }\n");
        File.WriteAllText(Path.Combine(lib, "component.json"), """
            {"id":"greeter","version":"1.2.0","hash":"sha256:00","message":"first tag","time":"2026-11-25T16:00:00Z","scope":"acme.tools","packageId":"acme.tools.greeter","dependencies":[]}
            """);
        var pack = sandbox.DotNet(lib, "pack", "-o", sandbox.Combine("out"));
        Assert.True(pack.ExitCode == 0, pack.CombinedOutput);
        var nupkg = Path.Combine(sandbox.Combine("out"), "acme.tools.greeter.1.2.0.nupkg");

        string[] Push(string key, params string[] extra) => ["nuget", "push", nupkg, "-s", feed, "-k", key, "--allow-insecure-connections", .. extra];

        var noRights = sandbox.DotNet(sandbox.Path, Push(readKey));
        Assert.NotEqual(0, noRights.ExitCode);
        Assert.Contains("403", noRights.CombinedOutput);
        var badKey = sandbox.DotNet(sandbox.Path, Push("bitk_wrong"));
        Assert.NotEqual(0, badKey.ExitCode);
        Assert.Contains("401", badKey.CombinedOutput);
        Assert.DoesNotContain("bitk_wrong", File.ReadAllText(server.Host.Services.Paths.KeysFile));

        var pushed = sandbox.DotNet(sandbox.Path, Push(writeKey));
        Assert.True(pushed.ExitCode == 0, pushed.CombinedOutput);
        Assert.Contains("Created", pushed.CombinedOutput);

        var duplicate = sandbox.DotNet(sandbox.Path, Push(writeKey));
        Assert.Equal(1, duplicate.ExitCode);
        Assert.Contains("409", duplicate.CombinedOutput);

        var skipped = sandbox.DotNet(sandbox.Path, Push(writeKey, "--skip-duplicate"));
        Assert.True(skipped.ExitCode == 0, skipped.CombinedOutput);
        Assert.Contains("already exists", skipped.CombinedOutput);

        // A consumer that knows only the scope's feed: add without a version, build, run.
        sandbox.WriteConfig([(Scope, feed)]);
        var app = Directory.CreateDirectory(sandbox.Combine("app")).FullName;
        File.WriteAllText(Path.Combine(app, "App.csproj"), """
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup><OutputType>Exe</OutputType><TargetFramework>net10.0</TargetFramework></PropertyGroup>
            </Project>
            """);
        File.WriteAllText(Path.Combine(app, "Program.cs"), "System.Console.WriteLine(Acme.Greeter.Hello(\"scopes\"));\n");
        var add = sandbox.DotNet(app, "add", "package", "acme.tools.greeter");
        Assert.True(add.ExitCode == 0, add.CombinedOutput);
        Assert.Contains("Version=\"1.2.0\"", File.ReadAllText(Path.Combine(app, "App.csproj")));
        var run = sandbox.DotNet(app, "run");
        Assert.True(run.ExitCode == 0, run.CombinedOutput);
        Assert.Contains("Hello, scopes!", run.StandardOutput);

        var search = sandbox.DotNet(sandbox.Path, "package", "search", "greeter", "--source", Scope, "--format", "json");
        Assert.True(search.ExitCode == 0, search.CombinedOutput);
        Assert.Contains("acme.tools.greeter", search.StandardOutput);

        // dotnet nuget delete = unlist: restore still works, but search and "latest" skip it.
        var delete = sandbox.DotNet(sandbox.Path, "nuget", "delete", "acme.tools.greeter", "1.2.0", "-s", Scope, "-k", writeKey, "--non-interactive");
        Assert.True(delete.ExitCode == 0, delete.CombinedOutput);
        using var registration = JsonDocument.Parse(await server.Http.GetStringAsync($"{server.Address}{Scope}/v3/registration/acme.tools.greeter/index.json"));
        Assert.False(registration.RootElement.GetProperty("items")[0].GetProperty("items")[0].GetProperty("catalogEntry").GetProperty("listed").GetBoolean());
        Assert.DoesNotContain("acme.tools.greeter", await server.Http.GetStringAsync($"{server.Address}{Scope}/v3/search?q=greeter"));
        Assert.Equal(200, await server.StatusAsync($"{Scope}/v3/flat/acme.tools.greeter/1.2.0/acme.tools.greeter.1.2.0.nupkg"));
    }
}

/// <summary>A private scope consumed by the real dotnet CLI with the key as packageSourceCredentials (Basic auth).</summary>
[Collection(DotNetCliCollection.Name)]
public sealed class PrivateScopeRestoreTests
{
    [Fact]
    public async Task Restore_from_a_private_scope_needs_the_read_key_as_a_credential()
    {
        await using var server = await TestServer.StartAsync();
        server.CreateScope("acme.secret", isPublic: false);
        var writeKey = server.CreateKey("acme.secret", Security.KeyRights.Write);
        var readKey = server.CreateKey("acme.secret", Security.KeyRights.Read);
        using var folder = new TempFolder();
        Assert.Equal(System.Net.HttpStatusCode.OK, (await server.ExportAsync("acme.secret", writeKey, [TestPackages.Component(folder.Path, "acme.secret", "vault", "1.0.0")])).StatusCode);

        using var sandbox = new NuGetSandbox([("acme.secret", server.Feed("acme.secret"))]);
        var app = Directory.CreateDirectory(sandbox.Combine("app")).FullName;
        File.WriteAllText(Path.Combine(app, "App.csproj"), """
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup><TargetFramework>net10.0</TargetFramework></PropertyGroup>
              <ItemGroup><PackageReference Include="acme.secret.vault" Version="1.0.0" /></ItemGroup>
            </Project>
            """);

        var anonymous = sandbox.DotNet(app, "restore");
        Assert.NotEqual(0, anonymous.ExitCode);
        Assert.Contains("401", anonymous.CombinedOutput);

        var config = File.ReadAllText(sandbox.ConfigFile).Replace("</configuration>", $"""
              <packageSourceCredentials>
                <acme.secret>
                  <add key="Username" value="reader" />
                  <add key="ClearTextPassword" value="{readKey}" />
                </acme.secret>
              </packageSourceCredentials>
            </configuration>
            """);
        File.WriteAllText(sandbox.ConfigFile, config);
        var withKey = sandbox.DotNet(app, "restore");
        Assert.True(withKey.ExitCode == 0, withKey.CombinedOutput);
    }
}
