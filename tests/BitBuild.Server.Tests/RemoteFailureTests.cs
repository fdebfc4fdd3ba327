using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using BitBuild.Server.Security;
using BitBuild.Server.Tests.Infrastructure;

namespace BitBuild.Server.Tests;

/// <summary>
/// Export against a scope server that fails the way real ones do: a transient 503 while export finds out what the remote
/// is, and no server at all. The atomic export never turns into package-by-package pushes; the scope holds all of the
/// export or none of it, and the CLI says which within seconds.
/// </summary>
[Collection(DotNetCliCollection.Name)]
public sealed class RemoteFailureTests
{
    private const string Scope = "user.flaky";

    [Fact]
    public async Task A_transient_503_on_the_service_index_is_retried_and_the_export_stays_atomic()
    {
        await using var server = await TestServer.StartAsync();
        server.CreateScope(Scope);
        var key = server.CreateKey(Scope, KeyRights.Write);
        await using var proxy = await FlakyProxy.StartAsync(server.Address, serviceIndexFailures: 1);
        using var sandbox = new NuGetSandbox();
        var workspace = TaggedDemoWorkspace(sandbox);
        Bit(sandbox, workspace, "remote", "add", Scope, proxy.Feed(Scope));

        var clock = Stopwatch.StartNew();
        var export = sandbox.DotNet(workspace, ServerProcess.ToolDll, "export", "--api-key", key);
        clock.Stop();

        Assert.True(export.ExitCode == 0, export.CombinedOutput);
        Assert.Contains($"exporting 2 packages to scope {Scope} in one atomic request", export.StandardOutput);
        Assert.Contains($"2 components were exported to scope {Scope}", export.StandardOutput);
        Assert.Contains($"GET /{Scope}/v3/index.json 503", proxy.Log);
        Assert.Contains($"GET /{Scope}/v3/index.json 200", proxy.Log);
        Assert.Equal(2, server.Host.Services.Scopes.Catalog(Scope).Entries.Count);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"export took {clock.Elapsed}");
    }

    [Fact]
    public void With_no_server_listening_export_fails_within_seconds_and_says_nothing_was_exported()
    {
        using var sandbox = new NuGetSandbox();
        var workspace = TaggedDemoWorkspace(sandbox);
        var url = $"http://127.0.0.1:{FreePort()}/{Scope}/v3/index.json";
        Bit(sandbox, workspace, "remote", "add", Scope, url);

        var clock = Stopwatch.StartNew();
        var export = sandbox.DotNet(workspace, ServerProcess.ToolDll, "export", "--api-key", "secret-key-never-printed");
        clock.Stop();

        Assert.Equal(1, export.ExitCode);
        Assert.Contains("error BIT3006", export.StandardError);
        Assert.Contains(url, export.StandardError);
        Assert.Contains("Nothing was exported", export.StandardError);
        Assert.DoesNotContain("secret-key-never-printed", export.CombinedOutput);
        Assert.DoesNotContain("   at ", export.StandardError);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"export took {clock.Elapsed}");
    }

    /// <summary>
    /// Two scopes on the server that depend on each other both ways (a in one needs b in the other, c in the other needs
    /// d in the first): no order of whole-scope requests puts dependencies first. Export refuses to fall back to
    /// package-by-package pushes on its own (BIT3021, nothing sent); with --push-each-package it does, and all lands.
    /// </summary>
    [Fact]
    public async Task Scopes_that_depend_on_each_other_both_ways_are_refused_unless_pushing_each_package_is_asked_for()
    {
        await using var server = await TestServer.StartAsync();
        server.CreateScope("team.one");
        server.CreateScope("team.two");
        using var sandbox = new NuGetSandbox();
        var workspace = sandbox.Combine("cycle");
        void Library(string name, string? reference)
        {
            Directory.CreateDirectory(Path.Combine(workspace, "src", name));
            var item = reference is null ? "" : $"<ItemGroup><ProjectReference Include=\"../{reference}/{reference}.csproj\" /></ItemGroup>";
            File.WriteAllText(Path.Combine(workspace, "src", name, name + ".csproj"), $"<Project Sdk=\"Microsoft.NET.Sdk\"><PropertyGroup><TargetFramework>net10.0</TargetFramework></PropertyGroup>{item}</Project>\n");
            File.WriteAllText(Path.Combine(workspace, "src", name, "Code.cs"), $"namespace {name} {{ public static class Code {{ }} }}\n");
        }

        Library("b", null);
        Library("a", "b");
        Library("d", null);
        Library("c", "d");
        Engine.Processes.ProcessRunner.Run("git", ["init", "-q", "."], workspace);
        Bit(sandbox, workspace, "init");
        Bit(sandbox, workspace, "add", "src/a", "src/d", "--scope", "team.one");
        Bit(sandbox, workspace, "add", "src/b", "src/c", "--scope", "team.two");
        Bit(sandbox, workspace, "tag", "-m", "cycle");
        Bit(sandbox, workspace, "remote", "add", "team.one", server.Feed("team.one"));
        Bit(sandbox, workspace, "remote", "add", "team.two", server.Feed("team.two"));
        var environment = new[] { ("team.one", server.CreateKey("team.one", KeyRights.Write)), ("team.two", server.CreateKey("team.two", KeyRights.Write)) };
        var keys = Path.Combine(workspace, "NuGet.Config");
        File.WriteAllText(keys, $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <apikeys>
                <add key="{server.Feed("team.one")}" value="{environment[0].Item2}" />
                <add key="{server.Feed("team.two")}" value="{environment[1].Item2}" />
              </apikeys>
            </configuration>
            """);

        var refused = sandbox.DotNet(workspace, ServerProcess.ToolDll, "export");
        Assert.Equal(1, refused.ExitCode);
        Assert.Contains("error BIT3021", refused.StandardError);
        Assert.Contains("--push-each-package", refused.StandardError);
        Assert.Empty(server.Host.Services.Scopes.Catalog("team.one").Entries);
        Assert.Empty(server.Host.Services.Scopes.Catalog("team.two").Entries);

        var pushed = sandbox.DotNet(workspace, ServerProcess.ToolDll, "export", "--push-each-package");
        Assert.True(pushed.ExitCode == 0, pushed.CombinedOutput);
        Assert.Equal(2, server.Host.Services.Scopes.Catalog("team.one").Entries.Count);
        Assert.Equal(2, server.Host.Services.Scopes.Catalog("team.two").Entries.Count);
    }

    /// <summary>The demo workspace, tagged: hello/world depends on utils/string.</summary>
    private static string TaggedDemoWorkspace(NuGetSandbox sandbox)
    {
        var workspace = sandbox.Combine("ws");
        var source = Path.Combine(RepositoryRoot(), "samples", "demo-workspace");
        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(source, file);
            if (relative.Split(Path.DirectorySeparatorChar).Any(p => p is "bin" or "obj" or ".bit"))
            {
                continue;
            }

            Directory.CreateDirectory(Path.GetDirectoryName(Path.Combine(workspace, relative))!);
            File.Copy(file, Path.Combine(workspace, relative));
        }

        Engine.Processes.ProcessRunner.Run("git", ["init", "-q", "."], workspace);
        Bit(sandbox, workspace, "init", "--default-scope", Scope);
        Bit(sandbox, workspace, "add", "src/hello/world", "src/utils/string");
        Bit(sandbox, workspace, "tag", "-m", "first release");
        return workspace;
    }

    private static void Bit(NuGetSandbox sandbox, string workspace, params string[] arguments)
    {
        var result = sandbox.DotNet(workspace, [ServerProcess.ToolDll, .. arguments]);
        Assert.True(result.ExitCode == 0, $"dotnet bit {string.Join(' ', arguments)}:\n{result.CombinedOutput}");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string RepositoryRoot()
    {
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "BitBuild.sln")))
        {
            folder = folder.Parent;
        }

        return folder?.FullName ?? throw new InvalidOperationException("BitBuild.sln not found above the test folder");
    }
}
