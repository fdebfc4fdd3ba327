using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace BitBuild.Server.Tests.Infrastructure;

/// <summary>What the proxy does with one request instead of (or around) forwarding it.</summary>
public sealed record ProxyFault
{
    /// <summary>Answer with this status and an empty body, as a load balancer or a gateway does.</summary>
    public int? Status { get; init; }

    /// <summary>Read the request, then never answer (until the client gives up).</summary>
    public bool Hang { get; init; }

    /// <summary>Read the request, then close the connection without an answer, as a server that dies does.</summary>
    public bool DropBeforeForwarding { get; init; }

    /// <summary>Forward the request, let the server answer, then close the connection: the answer is lost.</summary>
    public bool DropTheAnswer { get; init; }

    /// <summary>Runs before the request is forwarded (e.g. stops the server behind the proxy).</summary>
    public Func<Task>? Before { get; init; }
}

/// <summary>
/// A reverse proxy on 127.0.0.1 in front of the scope server that fails requests the way real networks and servers do
/// (<see cref="ProxyFault"/>), chosen per request by <see cref="Fault"/>, and forwards everything else as it is. When
/// the server behind it is gone, the proxy drops the client's connection, as the dead server would.
/// </summary>
public sealed class FlakyProxy : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly HttpClient client = new() { Timeout = TimeSpan.FromMinutes(2) };

    private FlakyProxy(WebApplication app, Uri target)
    {
        this.app = app;
        Target = target;
    }

    public Uri Address { get; private set; } = null!;

    /// <summary>Where requests are forwarded (settable: a restarted server listens on another port).</summary>
    public Uri Target { get; set; }

    /// <summary>The fault for a request, or null to forward it.</summary>
    public Func<HttpRequest, ProxyFault?> Fault { get; set; } = _ => null;

    /// <summary>Each answer the proxy gave itself or forwarded: "GET /scope/v3/index.json 503", "POST /scope/bit/v1/export dropped".</summary>
    public List<string> Log { get; } = [];

    public static async Task<FlakyProxy> StartAsync(Uri target, Func<HttpRequest, ProxyFault?>? fault = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var proxy = new FlakyProxy(app, target) { Fault = fault ?? (_ => null) };
        app.Run(proxy.HandleAsync);
        await app.StartAsync();
        proxy.Address = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First() + "/");
        return proxy;
    }

    /// <summary>A proxy that answers the first <paramref name="serviceIndexFailures"/> service-index requests with 503.</summary>
    public static Task<FlakyProxy> StartAsync(Uri target, int serviceIndexFailures) =>
        StartAsync(target, request => IsServiceIndex(request) && Interlocked.Decrement(ref serviceIndexFailures) >= 0 ? new ProxyFault { Status = 503 } : null);

    public static bool IsServiceIndex(HttpRequest request) => request.Path.Value!.EndsWith("/v3/index.json", StringComparison.Ordinal);

    public static bool IsExport(HttpRequest request) => request.Method == "POST" && request.Path.Value!.EndsWith("/bit/v1/export", StringComparison.Ordinal);

    public string Feed(string scope) => $"{Address}{scope}/v3/index.json";

    /// <summary>How many requests for a path the log holds.</summary>
    public int Count(string method, string path)
    {
        lock (Log)
        {
            return Log.Count(l => l.StartsWith($"{method} {path} ", StringComparison.Ordinal));
        }
    }

    private async Task HandleAsync(HttpContext context)
    {
        var line = $"{context.Request.Method} {context.Request.Path}";
        var fault = Fault(context.Request);
        if (fault?.Status is { } status)
        {
            context.Response.StatusCode = status;
            Record($"{line} {status}");
            return;
        }

        if (fault is { Hang: true } or { DropBeforeForwarding: true })
        {
            await context.Request.Body.CopyToAsync(Stream.Null, context.RequestAborted);
            Record($"{line} {(fault.Hang ? "held" : "dropped")}");
            if (fault.Hang)
            {
                await Task.Delay(Timeout.Infinite, context.RequestAborted).ContinueWith(_ => { });
            }

            context.Abort();
            return;
        }

        if (fault?.Before is { } before)
        {
            await before();
        }

        HttpResponseMessage response;
        try
        {
            response = await ForwardAsync(context);
        }
        catch (HttpRequestException)
        {
            Record($"{line} no server");
            context.Abort();
            return;
        }

        using (response)
        {
            if (fault is { DropTheAnswer: true })
            {
                await response.Content.CopyToAsync(Stream.Null);
                Record($"{line} {(int)response.StatusCode} dropped");
                context.Abort();
                return;
            }

            context.Response.StatusCode = (int)response.StatusCode;
            foreach (var (name, values) in response.Headers.Concat(response.Content.Headers))
            {
                if (name is not ("Transfer-Encoding" or "Connection"))
                {
                    context.Response.Headers[name] = values.ToArray();
                }
            }

            Record($"{line} {(int)response.StatusCode}");
            await response.Content.CopyToAsync(context.Response.Body, context.RequestAborted);
        }
    }

    private async Task<HttpResponseMessage> ForwardAsync(HttpContext context)
    {
        using var forward = new HttpRequestMessage(new HttpMethod(context.Request.Method), new Uri(Target, (context.Request.Path + context.Request.QueryString).ToString()));
        if (context.Request.ContentLength > 0 || context.Request.Headers.TransferEncoding.Count > 0)
        {
            forward.Content = new StreamContent(context.Request.Body);
        }

        forward.Headers.Host = context.Request.Host.Value;
        foreach (var (name, values) in context.Request.Headers)
        {
            // Host is the proxy's (HttpClient sends it with forward.Headers.Host), so the resource URLs the server builds
            // (the export endpoint, the flat container) lead back through the proxy.
            if (name is "Host" or "Expect" or "Connection" or "Transfer-Encoding")
            {
                continue;
            }

            if (!forward.Headers.TryAddWithoutValidation(name, values.ToArray()))
            {
                forward.Content?.Headers.TryAddWithoutValidation(name, values.ToArray());
            }
        }

        return await client.SendAsync(forward, HttpCompletionOption.ResponseHeadersRead, context.RequestAborted);
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
