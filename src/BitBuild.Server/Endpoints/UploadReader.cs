using BitBuild.Engine.Diagnostics;
using BitBuild.Server.Storage;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;

namespace BitBuild.Server.Endpoints;

/// <summary>
/// Reads the .nupkg files of a request into its pending folder, streaming (never whole packages in memory). The body is
/// multipart/form-data, one .nupkg per part (what dotnet nuget push sends, and what the export endpoint takes), or, as a
/// fallback, a raw .nupkg body.
/// </summary>
public static class UploadReader
{
    public static async Task<IReadOnlyList<string>> ReadAsync(HttpRequest request, PendingUpload upload, long maxRequestBytes, long maxPartBytes, int maxParts, CancellationToken ct)
    {
        var sizeFeature = request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>();
        if (sizeFeature is { IsReadOnly: false })
        {
            sizeFeature.MaxRequestBodySize = maxRequestBytes;
        }

        if (request.ContentLength > maxRequestBytes)
        {
            throw new ServerException(413, DiagnosticCodes.ServerRequestTooLarge, $"the request is {request.ContentLength} bytes; this server accepts at most {maxRequestBytes}");
        }

        var files = new List<string>();
        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var mediaType) || !mediaType.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase))
        {
            files.Add(await upload.ReceiveAsync(request.Body, ct));
            return files;
        }

        var boundary = HeaderUtilities.RemoveQuotes(mediaType.Boundary).Value;
        if (string.IsNullOrEmpty(boundary) || boundary.Length > 200)
        {
            throw new ServerException(400, DiagnosticCodes.ServerInvalidPackage, "the multipart request has no valid boundary");
        }

        var reader = new MultipartReader(boundary, request.Body) { BodyLengthLimit = maxPartBytes };
        while (await reader.ReadNextSectionAsync(ct) is { } section)
        {
            if (files.Count >= maxParts)
            {
                throw new ServerException(413, DiagnosticCodes.ServerRequestTooLarge, $"the request holds more than {maxParts} packages");
            }

            files.Add(await upload.ReceiveAsync(section.Body, ct));
        }

        if (files.Count == 0)
        {
            throw new ServerException(400, DiagnosticCodes.ServerInvalidPackage, "the request holds no package");
        }

        return files;
    }
}
