using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using BitBuild.Engine.Diagnostics;

namespace BitBuild.Engine.Scopes;

/// <summary>A package the scope server reported: pushed (new) or skipped (already there with the same bit/component.json).</summary>
public sealed record ScopeServerPackage(string Id, string Version, string? Hash = null);

/// <summary>The answer to one export: what landed and what was already there. Nothing else can have happened (all or nothing).</summary>
public sealed record ScopeServerExportResult(string Scope, IReadOnlyList<ScopeServerPackage> Pushed, IReadOnlyList<ScopeServerPackage> Skipped);

/// <summary>
/// The client side of BitBuild's scope server. A scope server's NuGet service index (<c>{server}/{scope}/v3/index.json</c>)
/// advertises a resource of @type <see cref="ExportResourceType"/> whose @id is the export endpoint; any other v3 feed
/// lacks it, which is how export tells "BitBuild server: one atomic request" from "plain feed: dotnet nuget push".
/// The export request is multipart/form-data with one .nupkg per part and the write key in X-NuGet-ApiKey.
/// </summary>
public static class ScopeServerClient
{
    public const string ExportResourceType = "BitBuildExport/1.0.0";

    /// <summary>
    /// The NuGet feed of a scope on a BitBuild server or hub: <c>{server}/{scope}/v3/index.json</c>. With one server URL
    /// configured for a hub, every scope name (<c>owner.collection</c>) maps to its feed without a remote per scope.
    /// </summary>
    public static Uri FeedUrl(Uri server, string scope)
    {
        Naming.ScopeName.Validate(scope);
        var root = server.AbsoluteUri.EndsWith('/') ? server.AbsoluteUri : server.AbsoluteUri + "/";
        return new Uri($"{root}{scope}/v3/index.json");
    }

    /// <summary>
    /// The export endpoint a source advertises, or null when the source is not a BitBuild scope server: not an http
    /// source, or a v3 feed whose service index (answered with 200) has no <see cref="ExportResourceType"/> resource. Any
    /// other answer throws the failure's BIT code (see <see cref="RemoteCalls"/>): taking a failure for "an ordinary
    /// feed" would quietly turn an atomic export into one push per package.
    /// </summary>
    public static async Task<Uri?> FindExportEndpointAsync(string source, string? apiKey, CancellationToken ct, HttpClient? http = null)
    {
        if (!Uri.TryCreate(source, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            return null;
        }

        using var remote = new RemoteCalls(http) { FailureConsequence = "Nothing was exported." };
        var index = await ScopeServiceIndex.ReadAsync(remote, uri, RemoteCredentials.Key(apiKey), ScopeNameIn(uri), ct).ConfigureAwait(false);
        return index.ExportEndpoint;
    }

    /// <summary>The scope a feed URL names (<c>/{scope}/v3/index.json</c>), for messages.</summary>
    private static string ScopeNameIn(Uri feed) => feed.Segments.Length > 1 ? feed.Segments[1].TrimEnd('/') : feed.Host;

    /// <summary>True when the source is a BitBuild scope server (see <see cref="FindExportEndpointAsync"/>).</summary>
    public static async Task<bool> IsScopeServerAsync(string source, string? apiKey, CancellationToken ct, HttpClient? http = null) =>
        await FindExportEndpointAsync(source, apiKey, ct, http) is not null;

    /// <summary>Finds the scope's export endpoint, then <see cref="SendExportAsync"/>.</summary>
    public static async Task<ScopeServerExportResult> ExportAsync(Uri scopeServiceIndex, string apiKey, IReadOnlyList<string> nupkgPaths, CancellationToken ct, HttpClient? http = null)
    {
        var endpoint = await FindExportEndpointAsync(scopeServiceIndex.AbsoluteUri, apiKey, ct, http)
            ?? throw new BitException(DiagnosticCodes.ServerExportFailed, $"{scopeServiceIndex} is not a BitBuild scope server (its service index has no {ExportResourceType} resource)");
        using var remote = new RemoteCalls(http);
        return await SendExportAsync(endpoint, RemoteCredentials.Key(apiKey), nupkgPaths, remote.Http, ct).ConfigureAwait(false);
    }

    /// <summary>How long the server may take to answer an export once it started: it validates and commits every package.</summary>
    public static TimeSpan ExportTimeout(long uploadBytes) => TimeSpan.FromMinutes(2) + TimeSpan.FromSeconds(uploadBytes / (1024 * 1024));

    /// <summary>
    /// Sends every package in one export request. Returns what was pushed and skipped; throws a BitException carrying the
    /// server's BIT5xxx code (BIT5005 conflict, BIT5008 unresolved dependency, BIT5009/5010 key problems, …) when the
    /// server refused — in which case nothing landed — and BIT3028 when no answer came (the connection dropped, the
    /// server died or failed, the time ran out): then the scope holds all of the export or none of it.
    /// </summary>
    public static async Task<ScopeServerExportResult> SendExportAsync(Uri endpoint, RemoteCredentials credentials, IReadOnlyList<string> nupkgPaths, HttpClient http, CancellationToken ct)
    {
        if (nupkgPaths.Count == 0)
        {
            return new ScopeServerExportResult(string.Empty, [], []);
        }

        using var content = new MultipartFormDataContent();
        var streams = new List<Stream>();
        try
        {
            long bytes = 0;
            foreach (var path in nupkgPaths)
            {
                var stream = File.OpenRead(path);
                streams.Add(stream);
                bytes += stream.Length;
                var part = new StreamContent(stream);
                part.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
                content.Add(part, "package", Path.GetFileName(path));
            }

            using var request = new HttpRequestMessage(HttpMethod.Post, endpoint) { Content = content };
            // Expect: 100-continue lets the server refuse (401/403/404/413) before a large upload is sent at all.
            request.Headers.ExpectContinue = true;
            credentials.Apply(request);
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
            timeout.CancelAfter(ExportTimeout(bytes));
            try
            {
                using var response = await http.SendAsync(request, timeout.Token).ConfigureAwait(false);
                var body = await response.Content.ReadAsStringAsync(timeout.Token).ConfigureAwait(false);
                if (response.IsSuccessStatusCode)
                {
                    using var document = JsonDocument.Parse(body);
                    var root = document.RootElement;
                    return new ScopeServerExportResult(
                        root.TryGetProperty("scope", out var scope) ? scope.GetString() ?? string.Empty : string.Empty,
                        ReadPackages(root, "pushed"),
                        ReadPackages(root, "skipped"));
                }

                throw Refusal(endpoint, response.StatusCode, response.ReasonPhrase, credentials.Redact(body));
            }
            catch (Exception ex) when (ex is HttpRequestException or IOException || (ex is OperationCanceledException && !ct.IsCancellationRequested))
            {
                var reason = ex switch
                {
                    OperationCanceledException => $"no answer within {ExportTimeout(bytes).TotalSeconds:0} s",
                    HttpRequestException failure => RemoteFailure.Describe(failure),
                    _ => ex.Message,
                };
                throw Interrupted(endpoint, reason, ex);
            }
        }
        finally
        {
            foreach (var stream in streams)
            {
                await stream.DisposeAsync();
            }
        }
    }

    private static BitException Interrupted(Uri endpoint, string reason, Exception? inner) =>
        new(DiagnosticCodes.ExportInterrupted,
            $"the export request to {RemoteFailure.Display(endpoint)} got no answer ({reason}). The scope server commits an export all or nothing, so the scope holds all of it or none of it; " +
            "run the export again: it finds what landed, skips it and sends the rest.",
            inner: inner);

    private static IReadOnlyList<ScopeServerPackage> ReadPackages(JsonElement root, string property) =>
        root.TryGetProperty(property, out var list) && list.ValueKind == JsonValueKind.Array
            ? list.EnumerateArray().Select(p => new ScopeServerPackage(
                p.GetProperty("id").GetString() ?? string.Empty,
                p.GetProperty("version").GetString() ?? string.Empty,
                p.TryGetProperty("hash", out var hash) && hash.ValueKind == JsonValueKind.String ? hash.GetString() : null)).ToList()
            : [];

    /// <summary>
    /// A refusal in the server's error shape ({"code":"BIT5…","message":…}) carries its code: nothing landed. A 5xx in
    /// any other shape (a proxy's gateway error) says nothing about whether the server committed: BIT3028.
    /// </summary>
    private static BitException Refusal(Uri endpoint, HttpStatusCode status, string? reasonPhrase, string body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            if (document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty("code", out var c) && c.GetString() is { Length: > 0 } serverCode)
            {
                var message = document.RootElement.TryGetProperty("message", out var m) && m.GetString() is { Length: > 0 } serverMessage
                    ? serverMessage
                    : $"the scope server refused the export ({RemoteFailure.Describe(status, reasonPhrase)})";
                return new BitException(serverCode, $"{message} ({RemoteFailure.Display(endpoint)})");
            }
        }
        catch (JsonException)
        {
            // Not our server's error shape (a proxy's error page, say).
        }

        var kind = RemoteFailure.KindOf(status);
        return kind == RemoteFailureKind.ServerError
            ? Interrupted(endpoint, RemoteFailure.Describe(status, reasonPhrase), null)
            : RemoteFailure.Exception(kind, "send the export", endpoint, RemoteFailure.Describe(status, reasonPhrase), 1, "Nothing was exported.");
    }
}
