using System.IO.Compression;
using System.Net;
using System.Text;
using System.Xml.Linq;

namespace BitBuild.EndToEnd.Tests.Export;

/// <summary>
/// The smallest NuGet v3 server an http scope needs, on loopback, for the tests: a service index with PackageBaseAddress
/// (what restore and existence checks read) and PackagePublish (multipart PUT, X-NuGet-ApiKey, 409 on a duplicate).
/// It records every push so tests can tell what arrived.
/// </summary>
public sealed class MiniNuGetServer : IDisposable
{
    private readonly HttpListener listener;
    private readonly Dictionary<string, byte[]> packages = new(StringComparer.OrdinalIgnoreCase);
    private readonly CancellationTokenSource stop = new();
    private readonly Task loop;

    public MiniNuGetServer(string apiKey)
    {
        ApiKey = apiKey;
        for (var attempt = 0; ; attempt++)
        {
            // A port the OS just handed out is almost always still free; if another process took it meanwhile, try
            // again with a new listener (HttpListener disposes itself when Start fails, so it cannot be reused).
            Port = FreeLoopbackPort();
            var candidate = new HttpListener();
            candidate.Prefixes.Add($"http://127.0.0.1:{Port}/");
            try
            {
                candidate.Start();
                listener = candidate;
                break;
            }
            catch (HttpListenerException) when (attempt < 20)
            {
            }
        }

        loop = Task.Run(Serve);
    }

    public int Port { get; }

    private static int FreeLoopbackPort()
    {
        var probe = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        return port;
    }

    public string ApiKey { get; }

    public string IndexUrl => $"http://127.0.0.1:{Port}/v3/index.json";

    public List<string> Pushes { get; } = [];

    public List<string> ApiKeysSeen { get; } = [];

    public IReadOnlyCollection<string> PackageKeys
    {
        get
        {
            lock (packages)
            {
                return packages.Keys.ToList();
            }
        }
    }

    private async Task Serve()
    {
        while (!stop.IsCancellationRequested)
        {
            HttpListenerContext context;
            try
            {
                context = await listener.GetContextAsync();
            }
            catch (Exception) when (stop.IsCancellationRequested)
            {
                return;
            }
            catch (HttpListenerException)
            {
                return;
            }

            try
            {
                Handle(context);
            }
            catch (Exception ex)
            {
                context.Response.StatusCode = 500;
                Write(context, "text/plain", ex.ToString());
            }
        }
    }

    private void Handle(HttpListenerContext context)
    {
        var path = context.Request.Url!.AbsolutePath;
        var request = context.Request;
        if (request.HttpMethod == "GET" && path == "/v3/index.json")
        {
            Write(context, "application/json", $$"""
                {"version":"3.0.0","resources":[
                  {"@id":"http://127.0.0.1:{{Port}}/v3/flat/","@type":"PackageBaseAddress/3.0.0"},
                  {"@id":"http://127.0.0.1:{{Port}}/v3/push","@type":"PackagePublish/2.0.0"}]}
                """);
            return;
        }

        if (request.HttpMethod == "GET" && path.StartsWith("/v3/flat/", StringComparison.Ordinal))
        {
            var parts = path["/v3/flat/".Length..].Split('/');
            lock (packages)
            {
                if (parts.Length == 2 && parts[1] == "index.json")
                {
                    var versions = packages.Keys.Where(k => k.StartsWith(parts[0] + "/", StringComparison.OrdinalIgnoreCase)).Select(k => "\"" + k.Split('/')[1] + "\"").ToList();
                    if (versions.Count == 0)
                    {
                        context.Response.StatusCode = 404;
                        context.Response.Close();
                        return;
                    }

                    Write(context, "application/json", $"{{\"versions\":[{string.Join(",", versions)}]}}");
                    return;
                }

                if (parts.Length == 3 && packages.TryGetValue(parts[0] + "/" + parts[1], out var bytes))
                {
                    context.Response.ContentType = "application/octet-stream";
                    context.Response.OutputStream.Write(bytes);
                    context.Response.Close();
                    return;
                }
            }

            context.Response.StatusCode = 404;
            context.Response.Close();
            return;
        }

        if (request.HttpMethod == "PUT" && path.TrimEnd('/') == "/v3/push")
        {
            var key = request.Headers["X-NuGet-ApiKey"];
            lock (packages)
            {
                ApiKeysSeen.Add(key ?? string.Empty);
            }

            if (key != ApiKey)
            {
                context.Response.StatusCode = 403;
                context.Response.Close();
                return;
            }

            var nupkg = FirstMultipartBody(request);
            var (id, version) = Identity(nupkg);
            var storageKey = id.ToLowerInvariant() + "/" + version.ToLowerInvariant();
            lock (packages)
            {
                Pushes.Add(storageKey);
                if (packages.ContainsKey(storageKey))
                {
                    context.Response.StatusCode = 409;
                    context.Response.Close();
                    return;
                }

                packages[storageKey] = nupkg;
            }

            context.Response.StatusCode = 201;
            context.Response.Close();
            return;
        }

        context.Response.StatusCode = 404;
        context.Response.Close();
    }

    private static byte[] FirstMultipartBody(HttpListenerRequest request)
    {
        var boundary = "--" + request.ContentType!.Split("boundary=")[1].Trim('"');
        using var buffer = new MemoryStream();
        request.InputStream.CopyTo(buffer);
        var body = buffer.ToArray();
        var headersEnd = IndexOf(body, Encoding.ASCII.GetBytes("\r\n\r\n"), 0) + 4;
        var end = IndexOf(body, Encoding.ASCII.GetBytes("\r\n" + boundary), headersEnd);
        return body[headersEnd..end];
    }

    private static int IndexOf(byte[] haystack, byte[] needle, int start)
    {
        for (var i = start; i <= haystack.Length - needle.Length; i++)
        {
            if (haystack.AsSpan(i, needle.Length).SequenceEqual(needle))
            {
                return i;
            }
        }

        throw new InvalidDataException("malformed multipart body");
    }

    private static (string Id, string Version) Identity(byte[] nupkg)
    {
        using var zip = new ZipArchive(new MemoryStream(nupkg));
        var nuspec = zip.Entries.Single(e => !e.FullName.Contains('/') && e.FullName.EndsWith(".nuspec", StringComparison.Ordinal));
        using var stream = nuspec.Open();
        var metadata = XDocument.Load(stream).Root!.Elements().First(e => e.Name.LocalName == "metadata");
        return (metadata.Elements().First(e => e.Name.LocalName == "id").Value, NuGet.Versioning.NuGetVersion.Parse(metadata.Elements().First(e => e.Name.LocalName == "version").Value).ToNormalizedString());
    }

    private static void Write(HttpListenerContext context, string contentType, string text)
    {
        context.Response.ContentType = contentType;
        var bytes = Encoding.UTF8.GetBytes(text);
        context.Response.OutputStream.Write(bytes);
        context.Response.Close();
    }

    public void Dispose()
    {
        stop.Cancel();
        listener.Stop();
        listener.Close();
        try
        {
            loop.Wait(TimeSpan.FromSeconds(5));
        }
        catch (AggregateException)
        {
        }
    }
}
