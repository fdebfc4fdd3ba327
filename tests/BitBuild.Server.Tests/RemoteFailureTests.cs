using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using BitBuild.Engine.Processes;
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
    /// Each way a remote fails has its own code, the URL and the status in the message, within seconds: 401, 403, 404,
    /// 5xx (retried a few times, then reported), no answer, a host name that does not resolve, and a failure of the
    /// existence checks after the service index was read, whose retries are shared by all packages of the export.
    /// </summary>
    [Fact]
    public async Task Each_remote_failure_kind_has_its_own_code_with_the_url_within_seconds()
    {
        await using var setup = await ProxiedExport.StartAsync();
        var (server, proxy, sandbox, workspace, key) = (setup.Server, setup.Proxy, setup.Sandbox, setup.Workspace, setup.Key);
        var feed = proxy.Feed(Scope);

        var cases = new (string Code, ProxyFault Fault, string Shown)[]
        {
            ("BIT3024", new ProxyFault { Status = 401 }, "HTTP 401 Unauthorized"),
            ("BIT3025", new ProxyFault { Status = 403 }, "HTTP 403 Forbidden"),
            ("BIT3026", new ProxyFault { Status = 404 }, "HTTP 404 Not Found"),
            ("BIT3027", new ProxyFault { Status = 500 }, "HTTP 500 Internal Server Error; 4 attempts"),
            ("BIT3023", new ProxyFault { Hang = true }, "no answer within 5 s"),
        };
        foreach (var (code, fault, shown) in cases)
        {
            proxy.Fault = request => FlakyProxy.IsServiceIndex(request) ? fault : null;
            var failed = TimedExport(sandbox, workspace, key);
            AssertNothingExported(failed, code, feed, shown, key);
            Assert.Empty(server.Host.Services.Scopes.Catalog(Scope).Entries);
        }

        // The service index answers; the existence checks of both packages fail: a few retries for the whole export.
        proxy.Fault = request => request.Method == "GET" && request.Path.Value!.EndsWith(".nupkg", StringComparison.Ordinal) ? new ProxyFault { Status = 503 } : null;
        var checks = TimedExport(sandbox, workspace, key);
        AssertNothingExported(checks, "BIT3027", $"{proxy.Address}{Scope}/v3/flat/", "HTTP 503 Service Unavailable", key);
        var packageReads = proxy.Log.Count(l => l.StartsWith("GET ", StringComparison.Ordinal) && l.Contains(".nupkg ", StringComparison.Ordinal));
        Assert.InRange(packageReads, 2, 2 + Engine.Scopes.RemoteCalls.MaxRetries);

        Bit(sandbox, workspace, "remote", "remove", Scope);
        var unknownHost = $"https://bitbuild-no-such-host.invalid/{Scope}/v3/index.json";
        Bit(sandbox, workspace, "remote", "add", Scope, unknownHost);
        var dns = TimedExport(sandbox, workspace, key);
        AssertNothingExported(dns, "BIT3022", unknownHost, "bitbuild-no-such-host.invalid does not resolve", key);
    }

    /// <summary>
    /// The export request itself fails: the server stops while it comes in, the connection drops before the server
    /// sees it, the connection drops after the server committed it. The scope holds all or nothing each time, and the
    /// CLI says which within seconds: it reads the scope after the failure (unknown only while the server is down).
    /// </summary>
    [Fact]
    public async Task An_export_whose_request_fails_leaves_all_or_nothing_and_the_cli_says_which()
    {
        await using var setup = await ProxiedExport.StartAsync();
        var (server, proxy, sandbox, workspace, key) = (setup.Server, setup.Proxy, setup.Sandbox, setup.Workspace, setup.Key);

        proxy.Fault = request => FlakyProxy.IsExport(request) ? new ProxyFault { Before = server.StopAsync } : null;
        var stopped = TimedExport(sandbox, workspace, key);
        Assert.Equal(1, stopped.ExitCode);
        Assert.Contains("error BIT3028", stopped.StandardError);
        Assert.Contains("holds all of it or none of it", stopped.StandardError);
        Assert.Contains("run the export again", stopped.StandardError);
        Assert.DoesNotContain(key, stopped.CombinedOutput);
        await server.StartAgainAsync();
        proxy.Target = server.Address;
        Assert.Empty(server.Host.Services.Scopes.Catalog(Scope).Entries);

        proxy.Fault = request => FlakyProxy.IsExport(request) ? new ProxyFault { DropBeforeForwarding = true } : null;
        var dropped = TimedExport(sandbox, workspace, key);
        Assert.Equal(1, dropped.ExitCode);
        Assert.Contains("error BIT3028", dropped.StandardError);
        Assert.Contains($"Scope {Scope}, read after the failure, holds none of it", dropped.StandardError);
        Assert.Empty(server.Host.Services.Scopes.Catalog(Scope).Entries);

        proxy.Fault = request => FlakyProxy.IsExport(request) ? new ProxyFault { DropTheAnswer = true } : null;
        var lostAnswer = TimedExport(sandbox, workspace, key);
        Assert.True(lostAnswer.ExitCode == 0, lostAnswer.CombinedOutput);
        Assert.Contains("the server committed it", lostAnswer.StandardOutput);
        Assert.Contains($"2 components were exported to scope {Scope}", lostAnswer.StandardOutput);
        Assert.Equal(2, server.Host.Services.Scopes.Catalog(Scope).Entries.Count);

        proxy.Fault = _ => null;
        var again = sandbox.DotNet(workspace, ServerProcess.ToolDll, "export", "--api-key", key);
        Assert.True(again.ExitCode == 0, again.CombinedOutput);
        Assert.Contains("nothing to export", again.StandardOutput);
    }

    /// <summary>The real server with the scope and a write key, a fault-injecting proxy in front of it, and the tagged demo workspace whose remote is the proxy's feed.</summary>
    private sealed class ProxiedExport : IAsyncDisposable
    {
        public required TestServer Server { get; init; }

        public required FlakyProxy Proxy { get; init; }

        public required NuGetSandbox Sandbox { get; init; }

        public required string Workspace { get; init; }

        public required string Key { get; init; }

        public static async Task<ProxiedExport> StartAsync()
        {
            var server = await TestServer.StartAsync();
            server.CreateScope(Scope);
            var proxy = await FlakyProxy.StartAsync(server.Address);
            var sandbox = new NuGetSandbox();
            var workspace = TaggedDemoWorkspace(sandbox);
            Bit(sandbox, workspace, "remote", "add", Scope, proxy.Feed(Scope));
            return new ProxiedExport { Server = server, Proxy = proxy, Sandbox = sandbox, Workspace = workspace, Key = server.CreateKey(Scope, KeyRights.Write) };
        }

        public async ValueTask DisposeAsync()
        {
            Sandbox.Dispose();
            await Proxy.DisposeAsync();
            await Server.DisposeAsync();
        }
    }

    /// <summary>Runs export and asserts it took less than ten seconds, the bound every remote failure keeps.</summary>
    private static ProcessResult TimedExport(NuGetSandbox sandbox, string workspace, string key)
    {
        var clock = Stopwatch.StartNew();
        var export = sandbox.DotNet(workspace, ServerProcess.ToolDll, "export", "--api-key", key);
        clock.Stop();
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"export took {clock.Elapsed}:\n{export.CombinedOutput}");
        return export;
    }

    private static void AssertNothingExported(ProcessResult export, string code, string url, string shown, string key)
    {
        Assert.True(export.ExitCode == 1, export.CombinedOutput);
        Assert.Contains($"error {code}", export.StandardError);
        Assert.Contains(url, export.StandardError);
        Assert.Contains(shown, export.StandardError);
        Assert.Contains("Nothing was exported", export.StandardError);
        Assert.DoesNotContain(key, export.CombinedOutput);
        Assert.DoesNotContain("   at ", export.StandardError);
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
