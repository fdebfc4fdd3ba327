using BitBuild.Server.Security;
using BitBuild.Server.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace BitBuild.Server.Endpoints;

/// <summary>
/// PackageBaseAddress/3.0.0, all restore needs: the version list of an id and the .nupkg of a version. Only what the
/// committed catalog lists is served, and paths come from the catalog entry, never from the URL.
/// </summary>
public static class FlatContainerEndpoints
{
    public static void Map(IEndpointRouteBuilder app, ServerServices services)
    {
        app.MapGet("/{scope}/v3/flat/{id}/index.json", (HttpContext context, string scope, string id) =>
        {
            services.OpenScope(context, scope, KeyRights.Read);
            var versions = services.Scopes.Catalog(scope).Versions(id);
            return versions.Count == 0
                ? Results.NotFound()
                : Results.Json(new { versions = versions.Select(v => v.LowerVersion) });
        });

        app.MapGet("/{scope}/v3/flat/{id}/{version}/{file}", (HttpContext context, string scope, string id, string version, string file) =>
        {
            services.OpenScope(context, scope, KeyRights.Read);
            var lowerVersion = PackageNames.LowerNormalizedVersion(version);
            var entry = lowerVersion is null ? null : services.Scopes.Catalog(scope).Find(id, lowerVersion);
            if (entry is null || !string.Equals(file, ServerPaths.NupkgFileName(entry.LowerId, entry.LowerVersion), StringComparison.OrdinalIgnoreCase))
            {
                return Results.NotFound();
            }

            return Results.File(services.Paths.Nupkg(scope, entry.LowerId, entry.LowerVersion), "application/octet-stream");
        });
    }
}
