using BitBuild.Server.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace BitBuild.Server.Endpoints;

/// <summary>
/// <c>/{scope}/v3/index.json</c>. Every NuGet resource sits below <c>/{scope}/v3/</c> so NuGet's PreAuthenticate re-sends
/// credentials to all of them. Search and registrations are advertised under every @type real clients match (NuGet 7.9
/// matches SearchQueryService only as /3.0.0-beta or /3.4.0, not plain or /3.5.0 — see NUGET.md §1.1).
/// <c>BitBuildExport/1.0.0</c> tells BitBuild's client this feed is a scope server and where its export endpoint is.
/// </summary>
public static class ServiceIndexEndpoint
{
    public const string ExportType = "BitBuildExport/1.0.0";

    public static void Map(IEndpointRouteBuilder app, ServerServices services) =>
        app.MapGet("/{scope}/v3/index.json", (HttpContext context, string scope) =>
        {
            services.OpenScope(context, scope, KeyRights.Read);
            var feed = ServerServices.FeedUrl(context.Request, scope);
            var resources = new List<Dictionary<string, string>>
            {
                Resource(feed + "flat/", "PackageBaseAddress/3.0.0", "flat container (restore)"),
                Resource(feed + "package", "PackagePublish/2.0.0", "push, unlist (DELETE), relist (POST)"),
            };
            foreach (var type in new[] { "RegistrationsBaseUrl", "RegistrationsBaseUrl/3.0.0-rc", "RegistrationsBaseUrl/3.0.0-beta", "RegistrationsBaseUrl/3.4.0", "RegistrationsBaseUrl/3.6.0" })
            {
                resources.Add(Resource(feed + "registration/", type, "package metadata"));
            }

            foreach (var type in new[] { "SearchQueryService", "SearchQueryService/3.0.0-beta", "SearchQueryService/3.0.0-rc", "SearchQueryService/3.4.0", "SearchQueryService/3.5.0" })
            {
                resources.Add(Resource(feed + "search", type, "search"));
            }

            resources.Add(Resource($"{ServerServices.BaseUrl(context.Request)}/{scope}/bit/v1/export", ExportType, "BitBuild atomic export (multipart/form-data of .nupkg parts)"));
            resources.Add(Resource($"{ServerServices.BaseUrl(context.Request)}/{scope}/", "BitBuildScopePage/1.0.0", "the scope's web page"));
            return Results.Json(new Dictionary<string, object> { ["version"] = "3.0.0", ["resources"] = resources });
        });

    private static Dictionary<string, string> Resource(string id, string type, string comment) =>
        new() { ["@id"] = id, ["@type"] = type, ["comment"] = comment };
}
