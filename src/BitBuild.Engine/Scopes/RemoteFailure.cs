using System.Net;
using BitBuild.Engine.Diagnostics;

namespace BitBuild.Engine.Scopes;

/// <summary>What went wrong talking to a remote scope over HTTP, each kind with its own BIT code and advice.</summary>
public enum RemoteFailureKind
{
    /// <summary>The host name does not resolve (BIT3022).</summary>
    HostNotFound,

    /// <summary>Nothing accepts connections at the address, or the connection broke before an answer (BIT3006).</summary>
    ConnectionFailed,

    /// <summary>No answer within the attempt's time (BIT3023).</summary>
    TimedOut,

    /// <summary>401: the server wants credentials (BIT3024).</summary>
    Unauthorized,

    /// <summary>403: the credentials are not good for this scope (BIT3025).</summary>
    Forbidden,

    /// <summary>404: no feed at the URL (BIT3026).</summary>
    NotFound,

    /// <summary>5xx, 408 or 429 on every attempt (BIT3027).</summary>
    ServerError,

    /// <summary>Any other status, or a body that is not what a NuGet feed answers (BIT3029).</summary>
    InvalidAnswer,
}

/// <summary>
/// Tells remote failures apart and words them: the URL (without user info), the HTTP status, how many attempts, what
/// the failure means for the command (<c>consequence</c>, e.g. "Nothing was exported.") and what to do about it.
/// Only what can pass on a second try is transient: a refused or dropped connection (a server restarting) and
/// 5xx/408/429. A timeout is not retried: it has already cost the time a retry would double.
/// </summary>
public static class RemoteFailure
{
    public static bool IsTransient(HttpStatusCode status) =>
        status is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests || (int)status >= 500;

    public static bool IsTransient(HttpRequestException exception) =>
        exception.HttpRequestError is not (HttpRequestError.NameResolutionError or HttpRequestError.SecureConnectionError or HttpRequestError.UserAuthenticationError);

    public static RemoteFailureKind KindOf(HttpStatusCode status) => status switch
    {
        HttpStatusCode.Unauthorized => RemoteFailureKind.Unauthorized,
        HttpStatusCode.Forbidden => RemoteFailureKind.Forbidden,
        HttpStatusCode.NotFound => RemoteFailureKind.NotFound,
        _ when IsTransient(status) => RemoteFailureKind.ServerError,
        _ => RemoteFailureKind.InvalidAnswer,
    };

    public static RemoteFailureKind KindOf(HttpRequestException exception) =>
        exception.HttpRequestError == HttpRequestError.NameResolutionError ? RemoteFailureKind.HostNotFound : RemoteFailureKind.ConnectionFailed;

    public static string Describe(HttpStatusCode status, string? reasonPhrase) => $"HTTP {(int)status} {reasonPhrase ?? status.ToString()}";

    /// <summary>A reason from an exception: the innermost message says what the socket saw ("Connection refused").</summary>
    public static string Describe(HttpRequestException exception)
    {
        Exception inner = exception;
        while (inner.InnerException is not null)
        {
            inner = inner.InnerException;
        }

        return inner == exception ? exception.Message : $"{exception.Message} {inner.Message}";
    }

    /// <summary>The URL as messages show it: user info (a password in the URL) is left out.</summary>
    public static string Display(Uri url) =>
        string.IsNullOrEmpty(url.UserInfo) ? url.AbsoluteUri : new UriBuilder(url) { UserName = string.Empty, Password = string.Empty }.Uri.AbsoluteUri;

    public static BitException Exception(RemoteFailureKind kind, string purpose, Uri url, string reason, int attempts, string consequence, Exception? inner = null)
    {
        var tries = attempts > 1 ? $"; {attempts} attempts" : "";
        var text = $"could not {purpose} at {Display(url)}: {reason}{tries}. {consequence} {Advice(kind, url)}";
        return new BitException(CodeOf(kind), text, inner: inner);
    }

    public static string CodeOf(RemoteFailureKind kind) => kind switch
    {
        RemoteFailureKind.HostNotFound => DiagnosticCodes.ScopeHostNotFound,
        RemoteFailureKind.ConnectionFailed => DiagnosticCodes.ScopeUnreachable,
        RemoteFailureKind.TimedOut => DiagnosticCodes.ScopeTimedOut,
        RemoteFailureKind.Unauthorized => DiagnosticCodes.ScopeNeedsCredentials,
        RemoteFailureKind.Forbidden => DiagnosticCodes.ScopeRefusedCredentials,
        RemoteFailureKind.NotFound => DiagnosticCodes.ScopeNotFound,
        RemoteFailureKind.ServerError => DiagnosticCodes.ScopeServerFailed,
        _ => DiagnosticCodes.ScopeAnswerInvalid,
    };

    private static string Advice(RemoteFailureKind kind, Uri url) => kind switch
    {
        RemoteFailureKind.HostNotFound => $"The host name {url.Host} does not resolve: check the remote's URL ('dotnet bit remote list'), your DNS or VPN.",
        RemoteFailureKind.ConnectionFailed => $"Check that the server is running and listens at {url.Host}:{url.Port}, then run the command again.",
        RemoteFailureKind.TimedOut => "Check that the server is not overloaded or held up by a proxy, then run the command again.",
        RemoteFailureKind.Unauthorized => "The server wants credentials: pass --api-key, or put the key in NuGet.Config (apikeys, or packageSourceCredentials for this source).",
        RemoteFailureKind.Forbidden => "The server refused these credentials for this scope: check that the key belongs to the scope and has the rights needed.",
        RemoteFailureKind.NotFound => "There is no feed at this URL (on a BitBuild scope server: no such scope, or a private one these credentials cannot read): check the remote's URL ('dotnet bit remote list') and the scope name.",
        RemoteFailureKind.ServerError => "The server failed on every attempt: check its health and logs, then run the command again.",
        _ => "Check that the remote's URL is a NuGet v3 service index (…/v3/index.json).",
    };
}
