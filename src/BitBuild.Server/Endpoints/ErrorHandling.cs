using BitBuild.Engine.Diagnostics;
using BitBuild.Server.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace BitBuild.Server.Endpoints;

/// <summary>
/// Turns refusals into answers clients understand: the status code NuGet expects (400/401/403/404/409/413), a JSON body
/// with the BIT5xxx code and message, and the message as the HTTP reason phrase, which is what NuGet prints on failure.
/// </summary>
public static class ErrorHandling
{
    public static void UseServerErrors(this WebApplication app) => app.Use(async (context, next) =>
    {
        try
        {
            await next(context);
        }
        catch (ServerException ex)
        {
            await WriteAsync(context, ex.Status, ex.Code, ex.Message, ex.Details);
        }
        catch (Microsoft.AspNetCore.Http.BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            await WriteAsync(context, 413, DiagnosticCodes.ServerRequestTooLarge, "the request is larger than this server accepts", null);
        }
        catch (InvalidDataException ex) when (ex.Message.Contains("length limit", StringComparison.OrdinalIgnoreCase))
        {
            await WriteAsync(context, 413, DiagnosticCodes.ServerRequestTooLarge, "a package in the request is larger than this server accepts", null);
        }
        catch (Exception ex) when (ex is IOException or InvalidDataException && !context.RequestAborted.IsCancellationRequested)
        {
            await WriteAsync(context, 400, DiagnosticCodes.ServerInvalidPackage, "the request body could not be read: " + ex.Message, null);
        }
    });

    public static async Task WriteAsync(HttpContext context, int status, string code, string message, object? details)
    {
        if (context.Response.HasStarted)
        {
            return;
        }

        context.Response.StatusCode = status;
        var phrase = new string(message.Where(c => c >= ' ' && c < 127).Take(300).ToArray());
        var responseFeature = context.Features.Get<IHttpResponseFeature>();
        if (responseFeature is not null)
        {
            responseFeature.ReasonPhrase = $"{code}: {phrase}";
        }

        context.Response.ContentType = "application/json";
        await context.Response.Body.WriteAsync(Json.Serialize(new ErrorBody(code, message, details)));
    }

    private sealed record ErrorBody(string Code, string Message, object? Details);
}
