using BitBuild.Server.Security;
using BitBuild.Server.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace BitBuild.Server.Endpoints;

/// <summary>
/// RegistrationsBaseUrl: what <c>dotnet add package X</c> (no version) and <c>dotnet package search --exact-match</c> read.
/// One inlined page holding every version, as BaGet does; served uncompressed, which NuGet 7.9 accepts under /3.6.0.
/// </summary>
public static class RegistrationEndpoints
{
    public static void Map(IEndpointRouteBuilder app, ServerServices services)
    {
        app.MapGet("/{scope}/v3/registration/{id}/index.json", (HttpContext context, string scope, string id) =>
        {
            services.OpenScope(context, scope, KeyRights.Read);
            var versions = services.Scopes.Catalog(scope).Versions(id);
            if (versions.Count == 0)
            {
                return Results.NotFound();
            }

            var feed = ServerServices.FeedUrl(context.Request, scope);
            var indexUrl = $"{feed}registration/{versions[0].LowerId}/index.json";
            var page = new Dictionary<string, object?>
            {
                ["@id"] = indexUrl + "#page",
                ["count"] = versions.Count,
                ["lower"] = versions[0].LowerVersion,
                ["upper"] = versions[^1].LowerVersion,
                ["items"] = versions.Select(v => Leaf(services, scope, feed, v)).ToList(),
            };
            return Results.Json(new Dictionary<string, object?> { ["@id"] = indexUrl, ["count"] = 1, ["items"] = new[] { page } });
        });

        app.MapGet("/{scope}/v3/registration/{id}/{version}.json", (HttpContext context, string scope, string id, string version) =>
        {
            services.OpenScope(context, scope, KeyRights.Read);
            var lowerVersion = PackageNames.LowerNormalizedVersion(version);
            var entry = lowerVersion is null ? null : services.Scopes.Catalog(scope).Find(id, lowerVersion);
            return entry is null ? Results.NotFound() : Results.Json(Leaf(services, scope, ServerServices.FeedUrl(context.Request, scope), entry));
        });
    }

    public static string LeafUrl(string feed, CatalogEntry entry) => $"{feed}registration/{entry.LowerId}/{entry.LowerVersion}.json";

    public static string ContentUrl(string feed, CatalogEntry entry) =>
        $"{feed}flat/{entry.LowerId}/{entry.LowerVersion}/{ServerPaths.NupkgFileName(entry.LowerId, entry.LowerVersion)}";

    private static Dictionary<string, object?> Leaf(ServerServices services, string scope, string feed, CatalogEntry entry)
    {
        var meta = services.Scopes.ReadMeta(scope, entry);
        var leafUrl = LeafUrl(feed, entry);
        var catalogEntry = new Dictionary<string, object?>
        {
            ["@id"] = leafUrl,
            ["id"] = entry.Id,
            ["version"] = entry.Version,
            ["listed"] = entry.Listed,
            // NuGet's older convention for unlisted: a 1900 publish date.
            ["published"] = entry.Listed ? entry.Published : new DateTimeOffset(1900, 1, 1, 0, 0, 0, TimeSpan.Zero),
            ["description"] = meta?.Description ?? string.Empty,
            ["authors"] = meta?.Authors ?? string.Empty,
            ["packageContent"] = ContentUrl(feed, entry),
            ["dependencyGroups"] = (meta?.DependencyGroups ?? []).Select(g => new Dictionary<string, object?>
            {
                ["targetFramework"] = g.TargetFramework,
                ["dependencies"] = g.Dependencies.Select(d => new Dictionary<string, object?>
                {
                    ["id"] = d.Id,
                    ["range"] = d.Range,
                    ["registration"] = $"{feed}registration/{d.Id.ToLowerInvariant()}/index.json",
                }).ToList(),
            }).ToList(),
        };
        return new Dictionary<string, object?>
        {
            ["@id"] = leafUrl,
            ["packageContent"] = ContentUrl(feed, entry),
            ["catalogEntry"] = catalogEntry,
        };
    }
}
