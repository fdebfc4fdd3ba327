using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace BitBuild.Server.Tests.Infrastructure;

/// <summary>
/// A reverse proxy on 127.0.0.1 in front of the scope server that answers the first <c>n</c> service-index requests
/// with 503, as a load balancer does while an instance restarts, and forwards everything else as it is.
/// </summary>
public sealed class FlakyProxy : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly HttpClient client = new() { Timeout = TimeSpan.FromMinutes(2) };
    private int serviceIndexFailures;

    private FlakyProxy(WebApplication app, int serviceIndexFailures)
    {
        this.app = app;
        this.serviceIndexFailures = serviceIndexFailures;
    }

    public Uri Address { get; private set; } = null!;

    /// <summary>Each answer the proxy gave itself or forwarded: "GET /scope/v3/index.json 503".</summary>
    public List<string> Log { get; } = [];

    public static async Task<FlakyProxy> StartAsync(Uri target, int serviceIndexFailures)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var proxy = new FlakyProxy(app, serviceIndexFailures);
        app.Run(context => proxy.HandleAsync(context, target));
        await app.StartAsync();
        proxy.Address = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First() + "/");
        return proxy;
    }

    public string Feed(string scope) => $"{Address}{scope}/v3/index.json";

    private async Task HandleAsync(HttpContext context, Uri target)
    {
        var path = context.Request.Path + context.Request.QueryString;
        if (context.Request.Path.Value!.EndsWith("/v3/index.json", StringComparison.Ordinal) && Interlocked.Decrement(ref serviceIndexFailures) >= 0)
        {
            context.Response.StatusCode = (int)HttpStatusCode.ServiceUnavailable;
            Record($"{context.Request.Method} {context.Request.Path} 503");
            return;
        }

        using var forward = new HttpRequestMessage(new HttpMethod(context.Request.Method), new Uri(target, path.ToString()));
        if (context.Request.ContentLength > 0 || context.Request.Headers.TransferEncoding.Count > 0)
        {
            forward.Content = new StreamContent(context.Request.Body);
        }

        foreach (var (name, values) in context.Request.Headers)
        {
            // Host stays the target's, so the feed URLs the server builds point at it, not at the proxy.
            if (name is "Host" or "Expect" or "Connection" or "Transfer-Encoding")
            {
                continue;
            }

            if (!forward.Headers.TryAddWithoutValidation(name, values.ToArray()))
            {
                forward.Content?.Headers.TryAddWithoutValidation(name, values.ToArray());
            }
        }

        using var response = await client.SendAsync(forward, HttpCompletionOption.ResponseHeadersRead, context.RequestAborted);
        context.Response.StatusCode = (int)response.StatusCode;
        foreach (var (name, values) in response.Headers.Concat(response.Content.Headers))
        {
            if (name is not ("Transfer-Encoding" or "Connection"))
            {
                context.Response.Headers[name] = values.ToArray();
            }
        }

        Record($"{context.Request.Method} {context.Request.Path} {(int)response.StatusCode}");
        await response.Content.CopyToAsync(context.Response.Body, context.RequestAborted);
    }

    private void Record(string line)
    {
        lock (Log)
        {
            Log.Add(line);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
        client.Dispose();
    }
}
