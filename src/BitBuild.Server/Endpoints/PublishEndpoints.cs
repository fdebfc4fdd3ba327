using BitBuild.Engine.Diagnostics;
using BitBuild.Server.Security;
using BitBuild.Server.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace BitBuild.Server.Endpoints;

/// <summary>
/// PackagePublish/2.0.0, as dotnet nuget push and dotnet nuget delete use it: PUT a package (201; 400 invalid; 401/403;
/// 409 when the id and normalized version exist — --skip-duplicate relies on exactly 409), DELETE = unlist, POST = relist.
/// </summary>
public static class PublishEndpoints
{
    public static void Map(IEndpointRouteBuilder app, ServerServices services)
    {
        app.MapPut("/{scope}/v3/package", async (HttpContext context, string scope) =>
        {
            services.OpenScope(context, scope, KeyRights.Write);
            using var upload = PendingUpload.Create(services.Paths, scope);
            var files = await UploadReader.ReadAsync(context.Request, upload, services.Options.MaxPackageBytes, services.Options.MaxPackageBytes, maxParts: 16, context.RequestAborted);
            // The publish protocol: the first part is the package, later parts are ignored.
            var package = PackageInspector.Inspect(files[0], scope);
            var result = await services.Writer.CommitAsync(scope, upload, [package], CommitMode.Push, context.RequestAborted);
            var pushed = result.Pushed[0];
            return Results.Created(RegistrationEndpoints.ContentUrl(ServerServices.FeedUrl(context.Request, scope), pushed), new { id = pushed.Id, version = pushed.Version });
        });

        app.MapDelete("/{scope}/v3/package/{id}/{version}", (HttpContext context, string scope, string id, string version) =>
            SetListed(services, context, scope, id, version, listed: false));

        app.MapPost("/{scope}/v3/package/{id}/{version}", (HttpContext context, string scope, string id, string version) =>
            SetListed(services, context, scope, id, version, listed: true));
    }

    private static async Task<IResult> SetListed(ServerServices services, HttpContext context, string scope, string id, string version, bool listed)
    {
        services.OpenScope(context, scope, KeyRights.Write);
        var lowerVersion = PackageNames.LowerNormalizedVersion(version);
        if (!PackageNames.IsValidId(id) || lowerVersion is null)
        {
            throw new ServerException(400, DiagnosticCodes.ServerInvalidPackage, "the package id or version is not valid");
        }

        var found = await services.Writer.SetListedAsync(scope, id, lowerVersion, listed, context.RequestAborted);
        return !found ? Results.NotFound() : listed ? Results.Ok() : Results.NoContent();
    }
}
