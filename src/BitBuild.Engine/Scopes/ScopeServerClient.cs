using System.Net;
using System.Net.Http.Headers;
using System.Text;
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

    private const string ApiKeyHeader = "X-NuGet-ApiKey";

    private static readonly Lazy<HttpClient> Shared = new(() => new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
    {
        // An export of hundreds of packages is one request; the server commits it as a unit, so allow it time.
        Timeout = TimeSpan.FromMinutes(30),
    });

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
    /// other answer throws BIT3006: a transient failure (connection refused or reset, a timeout, 408, 429, 5xx) is retried
    /// a few times with backoff, then reported; 401, 403, 404 or a body that is no service index is reported at once.
    /// Taking a failure for "an ordinary feed" would quietly turn an atomic export into one push per package.
    /// </summary>
    public static async Task<Uri?> FindExportEndpointAsync(string source, string? apiKey, CancellationToken ct, HttpClient? http = null)
    {
        if (!Uri.TryCreate(source, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            return null;
        }

        string? lastFailure = null;
        for (var attempt = 1; attempt <= DetectionAttempts; attempt++)
        {
            if (attempt > 1)
            {
                await Task.Delay(DetectionBackoff * (1 << (attempt - 2)), ct).ConfigureAwait(false);
            }

            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
            timeout.CancelAfter(DetectionTimeout);
            try
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, uri);
                AddKey(request, apiKey);
                using var response = await (http ?? Shared.Value).SendAsync(request, timeout.Token).ConfigureAwait(false);
                if (IsTransient(response.StatusCode))
                {
                    lastFailure = $"HTTP {(int)response.StatusCode} {response.ReasonPhrase}";
                    continue;
                }

                if (!response.IsSuccessStatusCode)
                {
                    throw NotDetected(uri, $"HTTP {(int)response.StatusCode} {response.ReasonPhrase}", attempt, transient: false);
                }

                var (isServiceIndex, endpoint) = ReadServiceIndex(await response.Content.ReadAsStringAsync(timeout.Token).ConfigureAwait(false));
                return isServiceIndex ? endpoint : throw NotDetected(uri, "the answer is not a NuGet service index", attempt, transient: false);
            }
            catch (HttpRequestException ex)
            {
                lastFailure = ex.Message;
            }
            catch (OperationCanceledException) when (!ct.IsCancellationRequested)
            {
                lastFailure = $"no answer within {DetectionTimeout.TotalSeconds:0} s";
            }
        }

        throw NotDetected(uri, lastFailure ?? "no answer", DetectionAttempts, transient: true);
    }

    private const int DetectionAttempts = 3;

    private static readonly TimeSpan DetectionBackoff = TimeSpan.FromMilliseconds(500);

    private static readonly TimeSpan DetectionTimeout = TimeSpan.FromSeconds(5);

    private static bool IsTransient(HttpStatusCode status) =>
        status is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests || (int)status >= 500;

    /// <summary>Whether a body is a service index at all, and its export resource's @id if it has one.</summary>
    private static (bool IsServiceIndex, Uri? Endpoint) ReadServiceIndex(string body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            if (document.RootElement.ValueKind != JsonValueKind.Object || !document.RootElement.TryGetProperty("resources", out var resources) || resources.ValueKind != JsonValueKind.Array)
            {
                return (false, null);
            }

            foreach (var resource in resources.EnumerateArray())
            {
                if (resource.ValueKind == JsonValueKind.Object && resource.TryGetProperty("@type", out var type) && type.ValueKind == JsonValueKind.String && type.GetString() == ExportResourceType &&
                    resource.TryGetProperty("@id", out var id) && id.ValueKind == JsonValueKind.String && Uri.TryCreate(id.GetString(), UriKind.Absolute, out var endpoint))
                {
                    return (true, endpoint);
                }
            }

            return (true, null);
        }
        catch (JsonException)
        {
            return (false, null);
        }
    }

    private static BitException NotDetected(Uri uri, string reason, int attempts, bool transient) =>
        new(DiagnosticCodes.ScopeUnreachable,
            $"could not read the service index of the scope at {uri} ({reason}{(transient ? $"; {attempts} attempts" : "")}), so export cannot tell whether it is a BitBuild scope server, " +
            "which takes the whole export in one all-or-nothing request. Nothing was exported. " +
            (transient ? "Check that the server is up, then run the export again." : "Check the remote's URL and your API key, then run the export again."));

    /// <summary>True when the source is a BitBuild scope server (see <see cref="FindExportEndpointAsync"/>).</summary>
    public static async Task<bool> IsScopeServerAsync(string source, string? apiKey, CancellationToken ct, HttpClient? http = null) =>
        await FindExportEndpointAsync(source, apiKey, ct, http) is not null;

    /// <summary>
    /// Sends every package in one export request. Returns what was pushed and skipped; throws a BitException carrying the
    /// server's BIT5xxx code (BIT5005 conflict, BIT5008 unresolved dependency, BIT5009/5010 key problems, …) when the
    /// server refused — in which case nothing landed.
    /// </summary>
    public static async Task<ScopeServerExportResult> ExportAsync(Uri scopeServiceIndex, string apiKey, IReadOnlyList<string> nupkgPaths, CancellationToken ct, HttpClient? http = null)
    {
        var client = http ?? Shared.Value;
        var endpoint = await FindExportEndpointAsync(scopeServiceIndex.AbsoluteUri, apiKey, ct, client)
            ?? throw new BitException(DiagnosticCodes.ServerExportFailed, $"{scopeServiceIndex} is not a BitBuild scope server (its service index has no {ExportResourceType} resource), or it could not be reached");
        if (nupkgPaths.Count == 0)
        {
            return new ScopeServerExportResult(string.Empty, [], []);
        }

        using var content = new MultipartFormDataContent();
        var streams = new List<Stream>();
        try
        {
            foreach (var path in nupkgPaths)
            {
                var stream = File.OpenRead(path);
                streams.Add(stream);
                var part = new StreamContent(stream);
                part.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
                content.Add(part, "package", Path.GetFileName(path));
            }

            using var request = new HttpRequestMessage(HttpMethod.Post, endpoint) { Content = content };
            // Expect: 100-continue lets the server refuse (401/403/404/413) before a large upload is sent at all.
            request.Headers.ExpectContinue = true;
            AddKey(request, apiKey);
            HttpResponseMessage response;
            try
            {
                response = await client.SendAsync(request, ct);
            }
            catch (HttpRequestException ex)
            {
                throw new BitException(DiagnosticCodes.ScopeUnreachable, $"could not reach the scope server at {endpoint}: {ex.Message}. Nothing was exported, or the export was committed whole; run the export again to find out (it skips what landed).", inner: ex);
            }

            using (response)
            {
                var body = await response.Content.ReadAsStringAsync(ct);
                if (!response.IsSuccessStatusCode)
                {
                    throw Refusal(endpoint, response.StatusCode, body);
                }

                using var document = JsonDocument.Parse(body);
                var root = document.RootElement;
                return new ScopeServerExportResult(
                    root.TryGetProperty("scope", out var scope) ? scope.GetString() ?? string.Empty : string.Empty,
                    ReadPackages(root, "pushed"),
                    ReadPackages(root, "skipped"));
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

    private static void AddKey(HttpRequestMessage request, string? apiKey)
    {
        if (string.IsNullOrEmpty(apiKey))
        {
            return;
        }

        request.Headers.Add(ApiKeyHeader, apiKey);
        // Private scopes also accept the key as a Basic password (how NuGet sends source credentials).
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes("bit:" + apiKey)));
    }

    private static IReadOnlyList<ScopeServerPackage> ReadPackages(JsonElement root, string property) =>
        root.TryGetProperty(property, out var list) && list.ValueKind == JsonValueKind.Array
            ? list.EnumerateArray().Select(p => new ScopeServerPackage(
                p.GetProperty("id").GetString() ?? string.Empty,
                p.GetProperty("version").GetString() ?? string.Empty,
                p.TryGetProperty("hash", out var hash) && hash.ValueKind == JsonValueKind.String ? hash.GetString() : null)).ToList()
            : [];

    private static BitException Refusal(Uri endpoint, HttpStatusCode status, string body)
    {
        string code = DiagnosticCodes.ServerExportFailed;
        var message = $"the scope server refused the export ({(int)status} {status})";
        try
        {
            using var document = JsonDocument.Parse(body);
            if (document.RootElement.TryGetProperty("code", out var c) && c.GetString() is { Length: > 0 } serverCode)
            {
                code = serverCode;
            }

            if (document.RootElement.TryGetProperty("message", out var m) && m.GetString() is { Length: > 0 } serverMessage)
            {
                message = serverMessage;
            }
        }
        catch (JsonException)
        {
            // Not our server's error shape (a proxy's error page, say): keep the status line.
        }

        return new BitException(code, $"{message} ({endpoint})");
    }
}
