using BitBuild.Server.Security;
using BitBuild.Server.Storage;
using Microsoft.AspNetCore.Http;

namespace BitBuild.Server;

/// <summary>What every endpoint needs: storage, the writer, access control, the limits. One per running server.</summary>
public sealed class ServerServices
{
    public ServerServices(ScopeServerOptions options)
    {
        Options = options;
        Paths = new ServerPaths(options.Root);
        Scopes = new ScopeStore(Paths);
        Writer = new ScopeWriter(Scopes, options.CommitStepDelay);
        Keys = new ApiKeyStore(Paths);
        Access = new AccessControl(Keys, Scopes);
    }

    public ScopeServerOptions Options { get; }

    public ServerPaths Paths { get; }

    public ScopeStore Scopes { get; }

    public ScopeWriter Writer { get; }

    public ApiKeyStore Keys { get; }

    public AccessControl Access { get; }

    /// <summary>Checks the scope name and that the scope exists (404 otherwise), then the caller's rights on it.</summary>
    public string OpenScope(HttpContext context, string scope, KeyRights needed)
    {
        if (!Scopes.Exists(scope))
        {
            throw new ServerException(404, Engine.Diagnostics.DiagnosticCodes.ServerUnknownScope, $"there is no scope '{Truncate(scope)}' on this server");
        }

        Access.Demand(context, scope, needed);
        return scope;
    }

    /// <summary>The absolute URL of the server's root as this request sees it (scheme, host, path base).</summary>
    public static string BaseUrl(HttpRequest request) => $"{request.Scheme}://{request.Host}{request.PathBase}";

    public static string FeedUrl(HttpRequest request, string scope) => $"{BaseUrl(request)}/{scope}/v3/";

    private static string Truncate(string text) => text.Length > 100 ? text[..100] + "…" : text;
}
