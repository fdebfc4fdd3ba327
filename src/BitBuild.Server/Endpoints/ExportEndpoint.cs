using BitBuild.Server.Security;
using BitBuild.Server.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace BitBuild.Server.Endpoints;

/// <summary>
/// <c>POST /{scope}/bit/v1/export</c>: a whole export in one request, committed all or nothing.
/// Request: multipart/form-data, one .nupkg per part (part names and file names are ignored), header X-NuGet-ApiKey
/// with a write key for the scope. Answers:
/// 200 <c>{"scope","pushed":[{id,version}],"skipped":[{id,version,hash}]}</c> (skipped = already there, identical
/// bit/component.json); 409 BIT5005 with <c>details.conflicts</c> (same id+version, different manifest hash; nothing
/// landed); 400 BIT5008 with <c>details.unresolved</c> (component dependencies missing); 400/401/403/413 as for a push.
/// </summary>
public static class ExportEndpoint
{
    public static void Map(IEndpointRouteBuilder app, ServerServices services) =>
        app.MapPost("/{scope}/bit/v1/export", async (HttpContext context, string scope) =>
        {
            services.OpenScope(context, scope, KeyRights.Write);
            var options = services.Options;
            using var upload = PendingUpload.Create(services.Paths, scope);
            var files = await UploadReader.ReadAsync(context.Request, upload, options.MaxExportBytes, options.MaxPackageBytes, options.MaxExportPackages, context.RequestAborted);
            var packages = files.Select(f => PackageInspector.Inspect(f, scope)).ToList();
            var result = await services.Writer.CommitAsync(scope, upload, packages, CommitMode.Export, context.RequestAborted);
            return Results.Json(new
            {
                scope,
                pushed = result.Pushed.Select(e => new { id = e.Id, version = e.Version }),
                skipped = result.Skipped.Select(e => new { id = e.Id, version = e.Version, hash = e.ManifestHash }),
            });
        });
}
