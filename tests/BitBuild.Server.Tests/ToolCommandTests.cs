using BitBuild.Engine.Processes;
using BitBuild.Server.Tests.Infrastructure;

namespace BitBuild.Server.Tests;

/// <summary>`dotnet bit server scope create`, `key create` and the server's refusal of insecure URLs, as real processes.</summary>
[Collection(DotNetCliCollection.Name)]
public sealed class ToolCommandTests
{
    private static ProcessResult Bit(params string[] arguments) =>
        ProcessRunner.Run(DotNetCli.HostPath, [ServerProcess.ToolDll, .. arguments], AppContext.BaseDirectory, DotNetCli.Environment());

    [Fact]
    public void Scopes_and_keys_are_created_from_the_command_line_and_keys_are_stored_hashed()
    {
        using var root = new TempFolder("bitserver-cli");
        var created = Bit("server", "scope", "create", "owner.collection", "--private", "--root", root.Path);
        Assert.True(created.ExitCode == 0, created.CombinedOutput);
        Assert.Contains("created private scope owner.collection", created.StandardOutput);

        var again = Bit("server", "scope", "create", "owner.collection", "--root", root.Path);
        Assert.Equal(1, again.ExitCode);
        Assert.Contains("error BIT5003", again.StandardError);

        var invalid = Bit("server", "scope", "create", "Owner/../x", "--root", root.Path);
        Assert.Equal(2, invalid.ExitCode);
        Assert.Contains("error BIT1010", invalid.StandardError);

        var key = Bit("server", "key", "create", "--scope", "owner.collection", "--rights", "write", "--root", root.Path);
        Assert.True(key.ExitCode == 0, key.CombinedOutput);
        var secret = key.StandardOutput.Trim();
        Assert.StartsWith("bitk_", secret);
        Assert.DoesNotContain(secret, File.ReadAllText(Path.Combine(root.Path, "keys.json")));

        var unknownScope = Bit("server", "key", "create", "--scope", "nobody.here", "--rights", "read", "--root", root.Path);
        Assert.Equal(1, unknownScope.ExitCode);
        Assert.Contains("error BIT5004", unknownScope.StandardError);

        var badRights = Bit("server", "key", "create", "--scope", "owner.collection", "--rights", "admin", "--root", root.Path);
        Assert.Equal(2, badRights.ExitCode);

        Assert.Equal(2, Bit("server", "key", "create", "--rights", "read", "--root", root.Path).ExitCode);
        Assert.Equal(2, Bit("server", "scope", "create", "--root", root.Path).ExitCode);

        var list = Bit("server", "key", "list", "--root", root.Path);
        Assert.Contains("owner.collection  write", list.StandardOutput);
        Assert.DoesNotContain(secret, list.StandardOutput);
    }

    [Fact]
    public async Task Scopes_and_keys_created_while_the_server_runs_are_served_at_once()
    {
        await using var server = await TestServer.StartAsync();
        Assert.Equal(404, await server.StatusAsync("late.scope/v3/index.json"));
        Assert.Equal(0, Bit("server", "scope", "create", "late.scope", "--root", server.Root.Path).ExitCode);
        var key = Bit("server", "key", "create", "--scope", "late.scope", "--rights", "write", "--root", server.Root.Path).StandardOutput.Trim();

        Assert.Equal(200, await server.StatusAsync("late.scope/v3/index.json"));
        using var folder = new TempFolder();
        var response = await server.ExportAsync("late.scope", key, [TestPackages.Component(folder.Path, "late.scope", "core", "1.0.0")]);
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public void The_server_refuses_plain_http_on_a_non_loopback_address()
    {
        using var root = new TempFolder("bitserver-cli");
        var refused = Bit("server", "--root", root.Path, "--urls", "http://0.0.0.0:0");
        Assert.Equal(2, refused.ExitCode);
        Assert.Contains("error BIT5001", refused.StandardError);

        var noCertificate = Bit("server", "--root", root.Path, "--urls", "https://127.0.0.1:0");
        Assert.Equal(2, noCertificate.ExitCode);
        Assert.Contains("error BIT5002", noCertificate.StandardError);
    }
}
