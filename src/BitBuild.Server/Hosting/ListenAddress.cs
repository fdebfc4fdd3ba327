using System.Net;
using BitBuild.Engine.Diagnostics;

namespace BitBuild.Server.Hosting;

/// <summary>
/// One listen URL, parsed and checked against the security defaults: plain http only on loopback unless the operator
/// explicitly allows it, https only with a certificate.
/// </summary>
public sealed record ListenAddress(bool Https, string Host, IPAddress? Address, int Port)
{
    public bool IsLoopback => Address is not null ? IPAddress.IsLoopback(Address) : string.Equals(Host, "localhost", StringComparison.OrdinalIgnoreCase);

    public static ListenAddress Parse(string url, bool allowInsecureRemote, bool haveCertificate)
    {
        // Kestrel's wildcard hosts ("*", "+") are not valid in a Uri; treat them as "every address".
        var normalized = url.Replace("://*", "://0.0.0.0", StringComparison.Ordinal).Replace("://+", "://0.0.0.0", StringComparison.Ordinal);
        if (!Uri.TryCreate(normalized, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps) ||
            uri.AbsolutePath != "/" || uri.Query.Length > 0)
        {
            throw new BitException(DiagnosticCodes.ServerInvalidUrl, $"'{url}' is not a listen URL; use http://127.0.0.1:5080 or https://HOST:PORT (no path)") { IsUsageError = true };
        }

        IPAddress? address = null;
        if (!string.Equals(uri.Host, "localhost", StringComparison.OrdinalIgnoreCase) && !IPAddress.TryParse(uri.IdnHost, out address))
        {
            throw new BitException(DiagnosticCodes.ServerInvalidUrl, $"'{url}': listen on an IP address or localhost, not a host name") { IsUsageError = true };
        }

        var listen = new ListenAddress(uri.Scheme == Uri.UriSchemeHttps, uri.Host, address, uri.Port);
        if (!listen.Https && !listen.IsLoopback && !allowInsecureRemote)
        {
            throw new BitException(DiagnosticCodes.ServerInsecureUrl,
                $"refusing to serve plain http on {url}: API keys and packages would cross the network unencrypted. " +
                "Serve https with --certificate PATH (and --certificate-password), listen on 127.0.0.1, or pass --allow-insecure-remote.") { IsUsageError = true };
        }

        if (listen.Https && !haveCertificate)
        {
            throw new BitException(DiagnosticCodes.ServerCertificateInvalid, $"{url} is https but no certificate was given; pass --certificate PATH (a .pfx) and --certificate-password") { IsUsageError = true };
        }

        return listen;
    }
}
