using System.Text.Json;

namespace BitBuild.Engine.Scopes;

/// <summary>
/// The resources of a scope's NuGet v3 service index that BitBuild uses: the flat container restore reads
/// (PackageBaseAddress/3.0.0) and, on a BitBuild scope server, the atomic export endpoint
/// (<see cref="ScopeServerClient.ExportResourceType"/>). Read once per scope and command.
/// </summary>
public sealed record ScopeServiceIndex(Uri? PackageBaseAddress, Uri? ExportEndpoint)
{
    public const string PackageBaseAddressType = "PackageBaseAddress/3.0.0";

    public static Task<ScopeServiceIndex> ReadAsync(RemoteCalls remote, Uri url, RemoteCredentials credentials, string scopeName, CancellationToken cancellationToken) =>
        remote.GetAsync(
            () =>
            {
                var request = new HttpRequestMessage(HttpMethod.Get, url);
                credentials.Apply(request);
                return request;
            },
            async (response, ct) => Parse(await response.Content.ReadAsStringAsync(ct).ConfigureAwait(false))
                ?? throw remote.Fail(RemoteFailure.Exception(RemoteFailureKind.InvalidAnswer, $"read the service index of scope {scopeName}", url, "the answer is not a NuGet v3 service index", 1, remote.FailureConsequence)),
            $"read the service index of scope {scopeName}",
            cancellationToken);

    /// <summary>The index in a body, or null when the body is not a service index at all.</summary>
    public static ScopeServiceIndex? Parse(string body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            if (document.RootElement.ValueKind != JsonValueKind.Object || !document.RootElement.TryGetProperty("resources", out var resources) || resources.ValueKind != JsonValueKind.Array)
            {
                return null;
            }

            Uri? Find(string type)
            {
                foreach (var resource in resources.EnumerateArray())
                {
                    if (resource.ValueKind == JsonValueKind.Object && resource.TryGetProperty("@type", out var t) && t.ValueKind == JsonValueKind.String && t.GetString() == type &&
                        resource.TryGetProperty("@id", out var id) && id.ValueKind == JsonValueKind.String && Uri.TryCreate(id.GetString(), UriKind.Absolute, out var address))
                    {
                        return address;
                    }
                }

                return null;
            }

            return new ScopeServiceIndex(Find(PackageBaseAddressType), Find(ScopeServerClient.ExportResourceType));
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
