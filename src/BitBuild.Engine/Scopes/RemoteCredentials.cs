using System.Net.Http.Headers;
using System.Text;

namespace BitBuild.Engine.Scopes;

/// <summary>
/// What a request to a remote scope authenticates with: the source's NuGet credentials (packageSourceCredentials or
/// NuGetPackageSourceCredentials_{scope}) as Basic, else the API key as the Basic password (how a BitBuild scope
/// server takes a key for reading a private scope); the key also goes in X-NuGet-ApiKey, where servers expect it for
/// writes. Never printed: <see cref="ToString"/> says only which kind is there.
/// </summary>
public sealed class RemoteCredentials(string? userName, string? password, string? apiKey)
{
    public const string ApiKeyHeader = "X-NuGet-ApiKey";

    public static readonly RemoteCredentials None = new(null, null, null);

    public static RemoteCredentials Of(ResolvedScope scope) =>
        new(scope.PackageSource.Credentials?.Username, scope.PackageSource.Credentials?.Password, scope.ApiKey);

    public static RemoteCredentials Key(string? apiKey) => new(null, null, apiKey);

    public void Apply(HttpRequestMessage request)
    {
        if (!string.IsNullOrEmpty(apiKey))
        {
            request.Headers.Add(ApiKeyHeader, apiKey);
        }

        var basic = !string.IsNullOrEmpty(password) ? $"{userName}:{password}" : !string.IsNullOrEmpty(apiKey) ? "bit:" + apiKey : null;
        if (basic is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(basic)));
        }
    }

    /// <summary>Text a server echoed, with the secrets taken out.</summary>
    public string Redact(string text)
    {
        foreach (var secret in new[] { apiKey, password })
        {
            if (!string.IsNullOrEmpty(secret))
            {
                text = text.Replace(secret, "***", StringComparison.Ordinal);
            }
        }

        return text;
    }

    public override string ToString() => !string.IsNullOrEmpty(password) ? "source credentials" : !string.IsNullOrEmpty(apiKey) ? "an API key" : "no credentials";
}
