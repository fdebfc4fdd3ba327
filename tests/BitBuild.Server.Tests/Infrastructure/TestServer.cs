using System.Net.Http.Headers;
using BitBuild.Server.Security;

namespace BitBuild.Server.Tests.Infrastructure;

/// <summary>The real scope server, in-process, on 127.0.0.1 with a free port and a temporary root.</summary>
public sealed class TestServer : IAsyncDisposable
{
    private readonly ScopeServerOptions options;
    private bool stopped;

    private TestServer(TempFolder root, ScopeServerHost host, ScopeServerOptions options)
    {
        Root = root;
        Host = host;
        this.options = options;
    }

    public TempFolder Root { get; }

    public ScopeServerHost Host { get; private set; }

    public Uri Address => Host.Address;

    public HttpClient Http { get; } = new() { Timeout = TimeSpan.FromMinutes(2) };

    public static async Task<TestServer> StartAsync(Func<ScopeServerOptions, ScopeServerOptions>? configure = null)
    {
        var root = new TempFolder("bitserver-root");
        var options = new ScopeServerOptions { Root = root.Path, Urls = ["http://127.0.0.1:0"] };
        options = configure is null ? options : configure(options);
        var host = await ScopeServerHost.StartAsync(options, CancellationToken.None);
        return new TestServer(root, host, options);
    }

    /// <summary>Stops the server as a crash or a restart does (requests in flight fail), leaving its root as it is.</summary>
    public async Task StopAsync()
    {
        stopped = true;
        await Host.DisposeAsync();
    }

    /// <summary>Starts the server again on the same root (on a new port: <see cref="Address"/> changes).</summary>
    public async Task StartAgainAsync()
    {
        Host = await ScopeServerHost.StartAsync(options, CancellationToken.None);
        stopped = false;
    }

    public string Feed(string scope) => $"{Address}{scope}/v3/index.json";

    public string ExportUrl(string scope) => $"{Address}{scope}/bit/v1/export";

    public void CreateScope(string scope, bool isPublic = true) => Host.Services.Scopes.CreateScope(scope, isPublic);

    public string CreateKey(string scope, KeyRights rights) => Host.Services.Keys.Create(scope, rights);

    /// <summary>Posts an export exactly as the protocol describes it: multipart/form-data, one .nupkg per part.</summary>
    public async Task<HttpResponseMessage> ExportAsync(string scope, string? key, IEnumerable<string> nupkgs)
    {
        using var content = new MultipartFormDataContent();
        foreach (var path in nupkgs)
        {
            var part = new ByteArrayContent(await File.ReadAllBytesAsync(path));
            part.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
            content.Add(part, "package", Path.GetFileName(path));
        }

        // As ScopeServerClient does: the server can refuse before the body is sent.
        using var request = new HttpRequestMessage(HttpMethod.Post, ExportUrl(scope)) { Content = content };
        request.Headers.ExpectContinue = true;
        if (key is not null)
        {
            request.Headers.Add("X-NuGet-ApiKey", key);
        }

        return await Http.SendAsync(request);
    }

    public async Task<int> StatusAsync(string relativeUrl) => (int)(await Http.GetAsync(Address + relativeUrl)).StatusCode;

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        if (!stopped)
        {
            await Host.DisposeAsync();
        }

        Root.Dispose();
    }
}
