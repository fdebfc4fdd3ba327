using BitBuild.Engine.Scopes;
using BitBuild.Server.Security;
using BitBuild.Server.Tests.Infrastructure;

namespace BitBuild.Server.Tests;

/// <summary>
/// The whole story against the server: `dotnet bit init/add/tag/remote add/export` of the sample workspace into a scope on
/// the server, a consumer that runs `dotnet add package` without a version, builds and runs; and the packages that real
/// export produced go through the atomic export endpoint (skipped when identical, dependencies resolved).
/// </summary>
[Collection(DotNetCliCollection.Name)]
public sealed class BitExportTests
{
    private const string Scope = "user.my-collection";

    private static string RepositoryRoot()
    {
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "BitBuild.sln")))
        {
            folder = folder.Parent;
        }

        return folder?.FullName ?? throw new InvalidOperationException("BitBuild.sln not found above the test folder");
    }

    private static void CopyFolder(string from, string to)
    {
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(from, file);
            if (relative.Split(Path.DirectorySeparatorChar).Any(p => p is "bin" or "obj" or ".bit"))
            {
                continue;
            }

            Directory.CreateDirectory(Path.GetDirectoryName(Path.Combine(to, relative))!);
            File.Copy(file, Path.Combine(to, relative));
        }
    }

    [Fact]
    public async Task Dotnet_bit_export_to_the_server_then_a_consumer_adds_builds_and_runs()
    {
        await using var server = await TestServer.StartAsync();
        server.CreateScope(Scope);
        var key = server.CreateKey(Scope, KeyRights.Write);
        using var sandbox = new NuGetSandbox();
        var workspace = sandbox.Combine("ws");
        CopyFolder(Path.Combine(RepositoryRoot(), "samples", "demo-workspace"), workspace);
        Engine.Processes.ProcessRunner.Run("git", ["init", "-q", "."], workspace);

        void Bit(params string[] arguments)
        {
            var result = sandbox.DotNet(workspace, [ServerProcess.ToolDll, .. arguments]);
            Assert.True(result.ExitCode == 0, $"dotnet bit {string.Join(' ', arguments)}:\n{result.CombinedOutput}");
        }

        Bit("init", "--default-scope", Scope);
        Bit("add", "src/hello/world", "src/utils/string");
        Bit("tag", "-m", "first release");
        Bit("remote", "add", Scope, server.Feed(Scope));
        var export = sandbox.DotNet(workspace, ServerProcess.ToolDll, "export", "--api-key", key);
        Assert.True(export.ExitCode == 0, export.CombinedOutput);
        Assert.Contains($"2 components were exported to scope {Scope}", export.StandardOutput);
        // A BitBuild scope server gets the whole export in one all-or-nothing request, not one push per package.
        Assert.Contains($"exporting 2 packages to scope {Scope} in one atomic request", export.StandardOutput);

        sandbox.WriteConfig([(Scope, server.Feed(Scope))]);
        var app = sandbox.Combine("app");
        CopyFolder(Path.Combine(RepositoryRoot(), "samples", "consumer"), app);
        var add = sandbox.DotNet(app, "add", "package", $"{Scope}.hello.world");
        Assert.True(add.ExitCode == 0, add.CombinedOutput);
        var run = sandbox.DotNet(app, "run");
        Assert.True(run.ExitCode == 0, run.CombinedOutput);
        Assert.Contains("hello WORLD!", run.StandardOutput);

        var page = await server.Http.GetStringAsync($"{server.Address}{Scope}/");
        Assert.Contains("first release", page);
        Assert.Contains($"<a href=\"/{Scope}/#{Scope}.utils.string\">{Scope}/utils/string</a> 0.0.1", page);

        // The packages real export produced, through the atomic endpoint: identical ones are skipped...
        var nupkgs = Directory.EnumerateFiles(server.Host.Services.Paths.Packages(Scope), "*.nupkg", SearchOption.AllDirectories).ToList();
        Assert.Equal(2, nupkgs.Count);
        var again = await ScopeServerClient.ExportAsync(new Uri(server.Feed(Scope)), key, nupkgs, CancellationToken.None);
        Assert.Empty(again.Pushed);
        Assert.Equal(2, again.Skipped.Count);

        // ...and into an empty scope of another server they land together, their dependency resolving within the upload.
        await using var other = await TestServer.StartAsync();
        other.CreateScope(Scope);
        using var folder = new TempFolder();
        var paths = nupkgs.Select(p =>
        {
            var copy = folder.Combine(Path.GetFileName(p));
            File.Copy(p, copy);
            return copy;
        }).ToList();
        var fresh = await ScopeServerClient.ExportAsync(new Uri(other.Feed(Scope)), other.CreateKey(Scope, KeyRights.Write), paths, CancellationToken.None);
        Assert.Equal([$"{Scope}.hello.world", $"{Scope}.utils.string"], fresh.Pushed.Select(p => p.Id).Order().ToArray());

        // Only hello/world, without utils/string, into an empty scope: its dependency resolves nowhere, nothing lands.
        await using var third = await TestServer.StartAsync();
        third.CreateScope(Scope);
        var helloOnly = paths.Where(p => Path.GetFileName(p).Contains("hello.world", StringComparison.Ordinal)).ToList();
        var refused = await Assert.ThrowsAsync<Engine.Diagnostics.BitException>(() =>
            ScopeServerClient.ExportAsync(new Uri(third.Feed(Scope)), third.CreateKey(Scope, KeyRights.Write), helloOnly, CancellationToken.None));
        Assert.Equal("BIT5008", refused.Code);
    }
}
