using BitBuild.Server.Security;
using BitBuild.Server.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace BitBuild.Server.Endpoints;

/// <summary>
/// SearchQueryService over the committed catalog: every whitespace-separated term must appear in the package id or the
/// component id. Unlisted versions are hidden; prerelease and SemVer 2.0.0 versions only when the client asks for them.
/// </summary>
public static class SearchEndpoint
{
    public static void Map(IEndpointRouteBuilder app, ServerServices services) =>
        app.MapGet("/{scope}/v3/search", (HttpContext context, string scope, string? q, int? skip, int? take, bool? prerelease, string? semVerLevel) =>
        {
            services.OpenScope(context, scope, KeyRights.Read);
            var includePrerelease = prerelease ?? false;
            var includeSemVer2 = semVerLevel is not null && semVerLevel.StartsWith('2');
            var terms = (q ?? string.Empty).Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            var catalog = services.Scopes.Catalog(scope);
            var feed = ServerServices.FeedUrl(context.Request, scope);
            var hits = catalog.LowerIds
                .Select(id => catalog.Versions(id).Where(v => v.Listed && (includePrerelease || !v.IsPrerelease) && (includeSemVer2 || !v.IsSemVer2)).ToList())
                .Where(versions => versions.Count > 0)
                .Where(versions => terms.All(t =>
                    versions[^1].Id.Contains(t, StringComparison.OrdinalIgnoreCase) ||
                    (versions[^1].ComponentId?.Contains(t, StringComparison.OrdinalIgnoreCase) ?? false)))
                .ToList();
            var page = hits.Skip(Math.Clamp(skip ?? 0, 0, 3000)).Take(Math.Clamp(take ?? 20, 0, 1000)).Select(versions =>
            {
                var latest = versions[^1];
                var meta = services.Scopes.ReadMeta(scope, latest);
                var registration = $"{feed}registration/{latest.LowerId}/index.json";
                return new Dictionary<string, object?>
                {
                    ["@id"] = registration,
                    ["@type"] = "Package",
                    ["registration"] = registration,
                    ["id"] = latest.Id,
                    ["version"] = latest.Version,
                    ["description"] = meta?.Description ?? string.Empty,
                    ["authors"] = (meta?.Authors ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
                    ["totalDownloads"] = 0,
                    ["verified"] = false,
                    ["packageTypes"] = (meta?.PackageTypes is { Count: > 0 } types ? types : ["Dependency"]).Select(t => new { name = t }),
                    ["versions"] = versions.Select(v => new Dictionary<string, object?>
                    {
                        ["version"] = v.Version,
                        ["downloads"] = 0,
                        ["@id"] = RegistrationEndpoints.LeafUrl(feed, v),
                    }).ToList(),
                };
            }).ToList();
            return Results.Json(new Dictionary<string, object?> { ["totalHits"] = hits.Count, ["data"] = page });
        });
}
