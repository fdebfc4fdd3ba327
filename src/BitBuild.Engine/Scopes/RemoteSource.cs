using System.Net;
using BitBuild.Engine.Diagnostics;

namespace BitBuild.Engine.Scopes;

/// <summary>
/// Parses a remote's Source as the user wrote it: a folder (absolute, or relative to the workspace root), a <c>file://</c>
/// URL, or a NuGet v3 service index (<c>https://…/index.json</c>; plain http only on the loopback interface, where there is
/// nothing to eavesdrop on and NuGet's HTTPS rule would only get in the way of a local scope server).
/// </summary>
public static class RemoteSource
{
    public static (ScopeKind Kind, string Location) Parse(string source, string workspaceRoot, string scope)
    {
        var trimmed = source.Trim();
        if (trimmed.Length == 0)
        {
            throw Invalid(scope, source, "it is empty");
        }

        if (trimmed.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || trimmed.StartsWith("https://", StringComparison.OrdinalIgnoreCase))
        {
            if (!Uri.TryCreate(trimmed, UriKind.Absolute, out var uri))
            {
                throw Invalid(scope, source, "it is not a valid URL");
            }

            if (uri.Scheme == Uri.UriSchemeHttp && !IsLoopback(uri))
            {
                throw Invalid(scope, source, "plain http is only accepted for a server on this machine (localhost, 127.0.0.1, ::1); use https");
            }

            return (ScopeKind.Http, uri.AbsoluteUri);
        }

        if (trimmed.StartsWith("file:", StringComparison.OrdinalIgnoreCase))
        {
            if (!Uri.TryCreate(trimmed, UriKind.Absolute, out var uri) || !uri.IsFile)
            {
                throw Invalid(scope, source, "it is not a valid file:// URL");
            }

            return (ScopeKind.Folder, Path.GetFullPath(uri.LocalPath));
        }

        if (trimmed.Contains("://", StringComparison.Ordinal))
        {
            throw Invalid(scope, source, "only folders, file:// URLs and http(s) NuGet v3 sources are supported");
        }

        return (ScopeKind.Folder, Path.GetFullPath(Path.Combine(workspaceRoot, trimmed)));
    }

    public static bool IsLoopback(Uri uri) =>
        uri.IsLoopback || (IPAddress.TryParse(uri.Host.Trim('[', ']'), out var ip) && IPAddress.IsLoopback(ip));

    private static BitException Invalid(string scope, string source, string why) =>
        new(DiagnosticCodes.InvalidRemoteSource,
            $"The source '{source}' of scope {scope} is not usable: {why}. A source is a folder (absolute, or relative to the workspace root), " +
            "a file:// URL, or a NuGet v3 service index such as https://example.com/v3/index.json.");
}
