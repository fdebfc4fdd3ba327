using System.Net;
using BitBuild.Server.Security;
using BitBuild.Server.Storage;
using BitBuild.Server.Tests.Infrastructure;

namespace BitBuild.Server.Tests;

/// <summary>
/// Crashes during an export leave the scope with all of it or none of it, never locked: the server SIGKILLed in the
/// middle of a commit, and a client that dies in the middle of its upload.
/// </summary>
public sealed class CrashTests
{
    private const string Scope = "acme.ui";

    [Fact]
    public async Task Sigkill_of_the_server_mid_commit_leaves_nothing_half_written_and_the_next_export_succeeds()
    {
        using var root = new TempFolder("bitserver-crash");
        using var packages = new TempFolder();
        var paths = new ServerPaths(root.Path);
        new ScopeStore(paths).CreateScope(Scope, isPublic: true);
        var key = new ApiKeyStore(paths).Create(Scope, KeyRights.Write);
        var nupkgs = new[] { "core", "button", "grid" }.Select(id => TestPackages.Component(packages.Path, Scope, id, "1.0.0")).ToArray();
        using var http = new HttpClient();

        // The fault-injection delay holds the commit after each version folder it moves into place.
        using (var doomed = ServerProcess.Start(root.Path, new Dictionary<string, string> { ["BIT_SERVER_TEST_COMMIT_DELAY_MS"] = "3000" }))
        {
            var export = Post(http, new Uri(doomed.Address, $"{Scope}/bit/v1/export"), key, nupkgs);
            var deadline = DateTime.UtcNow.AddSeconds(30);
            while (!Directory.Exists(paths.Packages(Scope)) || !Directory.EnumerateDirectories(paths.Packages(Scope)).Any())
            {
                Assert.True(DateTime.UtcNow < deadline, "the commit never started");
                await Task.Delay(10);
            }

            doomed.Kill();
            await Assert.ThrowsAnyAsync<HttpRequestException>(() => export);
        }

        // Killed between moving the first version folder and the catalog rename: nothing is committed.
        Assert.Empty(new ScopeStore(paths).Catalog(Scope).Entries);

        using var restarted = ServerProcess.Start(root.Path);
        foreach (var id in new[] { "core", "button", "grid" })
        {
            Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync(new Uri(restarted.Address, $"{Scope}/v3/flat/{Scope}.{id}/index.json"))).StatusCode);
        }

        Assert.Empty(Directory.EnumerateDirectories(paths.Pending(Scope)));
        Assert.Empty(Directory.EnumerateDirectories(paths.Packages(Scope)));

        var retry = await Post(http, new Uri(restarted.Address, $"{Scope}/bit/v1/export"), key, nupkgs);
        Assert.Equal(HttpStatusCode.OK, retry.StatusCode);
        foreach (var id in new[] { "core", "button", "grid" })
        {
            Assert.Equal(HttpStatusCode.OK, (await http.GetAsync(new Uri(restarted.Address, $"{Scope}/v3/flat/{Scope}.{id}/index.json"))).StatusCode);
        }
    }

    [Fact]
    public async Task A_client_dying_mid_upload_lands_nothing_and_leaves_the_scope_unlocked()
    {
        await using var server = await TestServer.StartAsync();
        server.CreateScope(Scope);
        var key = server.CreateKey(Scope, KeyRights.Write);
        using var packages = new TempFolder();
        var core = TestPackages.Component(packages.Path, Scope, "core", "1.0.0");

        using (var cancel = new CancellationTokenSource())
        {
            using var content = new MultipartFormDataContent();
            content.Add(new ByteArrayContent(File.ReadAllBytes(core)), "package", "core.nupkg");
            content.Add(new DyingContent(cancel), "package", "half.nupkg");
            using var request = new HttpRequestMessage(HttpMethod.Post, server.ExportUrl(Scope)) { Content = content };
            request.Headers.Add("X-NuGet-ApiKey", key);
            await Assert.ThrowsAnyAsync<Exception>(() => server.Http.SendAsync(request, cancel.Token));
        }

        var pending = server.Host.Services.Paths.Pending(Scope);
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (Directory.EnumerateDirectories(pending).Any() && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20);
        }

        Assert.Empty(Directory.EnumerateDirectories(pending));
        Assert.Equal(404, await server.StatusAsync($"{Scope}/v3/flat/{Scope}.core/index.json"));
        Assert.Equal(HttpStatusCode.OK, (await server.ExportAsync(Scope, key, [core])).StatusCode);
    }

    private static async Task<HttpResponseMessage> Post(HttpClient http, Uri url, string key, IEnumerable<string> nupkgs)
    {
        using var content = new MultipartFormDataContent();
        foreach (var path in nupkgs)
        {
            content.Add(new ByteArrayContent(await File.ReadAllBytesAsync(path)), "package", Path.GetFileName(path));
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = content };
        request.Headers.Add("X-NuGet-ApiKey", key);
        return await http.SendAsync(request);
    }

    /// <summary>A part that sends a few bytes and then kills the request, as a client process dying mid-upload would.</summary>
    private sealed class DyingContent(CancellationTokenSource cancel) : HttpContent
    {
        protected override async Task SerializeToStreamAsync(Stream stream, System.Net.TransportContext? context)
        {
            await stream.WriteAsync(new byte[] { 0x50, 0x4b, 0x03, 0x04 });
            await stream.FlushAsync();
            await Task.Delay(200);
            await cancel.CancelAsync();
            throw new IOException("client died");
        }

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }
    }
}
