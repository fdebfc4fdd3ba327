using System.Net.Http.Headers;
using System.Text;
using BitBuild.Engine.Diagnostics;
using BitBuild.Server.Storage;
using Microsoft.AspNetCore.Http;

namespace BitBuild.Server.Security;

/// <summary>
/// Who may do what. Writes need a write key for the scope (header X-NuGet-ApiKey, as dotnet nuget push sends it).
/// Reads of a public scope are open; a private scope needs a read or write key for it, sent as X-NuGet-ApiKey or as the
/// password of Basic auth (what NuGet sends from packageSourceCredentials). Missing or unknown key: 401 (with a Basic
/// challenge on reads, so NuGet retries with credentials); a valid key without the right: 403.
/// </summary>
public sealed class AccessControl(ApiKeyStore keys, ScopeStore scopes)
{
    public const string ApiKeyHeader = "X-NuGet-ApiKey";

    public void Demand(HttpContext context, string scope, KeyRights needed)
    {
        if (needed == KeyRights.Read && scopes.Settings(scope).Public)
        {
            return;
        }

        var secret = PresentedSecret(context.Request);
        if (secret is null)
        {
            Challenge(context, scope, needed);
            throw new ServerException(401, DiagnosticCodes.ServerUnauthorized, $"scope {scope} needs an API key with {Word(needed)} rights");
        }

        var key = keys.Find(secret);
        if (key is null)
        {
            Challenge(context, scope, needed);
            throw new ServerException(401, DiagnosticCodes.ServerUnauthorized, "the API key is not valid on this server");
        }

        if (!string.Equals(key.Scope, scope, StringComparison.Ordinal) || (needed == KeyRights.Write && key.Rights != KeyRights.Write))
        {
            throw new ServerException(403, DiagnosticCodes.ServerForbidden, $"the API key {key.KeyId} has no {Word(needed)} rights on scope {scope}");
        }
    }

    private static string Word(KeyRights rights) => rights == KeyRights.Write ? "write" : "read";

    private static void Challenge(HttpContext context, string scope, KeyRights needed)
    {
        if (needed == KeyRights.Read)
        {
            context.Response.Headers.WWWAuthenticate = $"Basic realm=\"BitBuild scope {scope}\"";
        }
    }

    private static string? PresentedSecret(HttpRequest request)
    {
        var header = request.Headers[ApiKeyHeader].ToString();
        if (!string.IsNullOrEmpty(header))
        {
            return header;
        }

        if (AuthenticationHeaderValue.TryParse(request.Headers.Authorization.ToString(), out var auth) &&
            string.Equals(auth.Scheme, "Basic", StringComparison.OrdinalIgnoreCase) && auth.Parameter is not null)
        {
            try
            {
                var decoded = Encoding.UTF8.GetString(Convert.FromBase64String(auth.Parameter));
                var colon = decoded.IndexOf(':');
                return colon >= 0 ? decoded[(colon + 1)..] : null;
            }
            catch (FormatException)
            {
                return null;
            }
        }

        return null;
    }
}
