using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Vtis.ServiceInterface.Storage;

/// <summary>
/// <c>GET</c> and <c>PUT /files/{key}</c>: the local store's counterpart of S3 presigned URLs. The signature made by
/// <see cref="LocalFileUrls"/> is the authorization, so the routes are anonymous. With the S3 provider nothing is
/// served here (404): its URLs point at the bucket.
/// </summary>
public static class LocalFileEndpoints
{
    public static IEndpointRouteBuilder MapLocalFiles(this IEndpointRouteBuilder app)
    {
        var files = app.MapGroup(LocalFileUrls.PathPrefix).AllowAnonymous().ExcludeFromDescription();
        files.MapGet("/{**key}", Download);
        files.MapPut("/{**key}", Upload);
        return app;
    }

    private static async Task<Results<FileStreamHttpResult, ProblemHttpResult>> Download(
        string key, [FromQuery] string? exp, [FromQuery] string? name, [FromQuery] string? sig,
        HttpResponse response, [FromServices] IBlobStore store, [FromServices] LocalFileUrls urls, CancellationToken ct)
    {
        if (store is not LocalBlobStore) return NotFound();
        if (!urls.IsValidDownload(key, exp, name, sig)) return Forbidden("The download link is invalid or has expired.");

        var info = await store.GetInfoAsync(key, ct);
        if (info is null) return NotFound();
        try
        {
            var content = await store.OpenReadAsync(key, ct);
            // Unlike S3 these files come from the app's own origin: never let a browser run one as a page.
            response.Headers.XContentTypeOptions = "nosniff";
            response.Headers.ContentSecurityPolicy = "default-src 'none'; sandbox";
            return TypedResults.Stream(content, info.ContentType, string.IsNullOrEmpty(name) ? null : name, enableRangeProcessing: true);
        }
        catch (BlobNotFoundException)
        {
            return NotFound(); // deleted since GetInfoAsync
        }
    }

    private static async Task<Results<Created, ProblemHttpResult>> Upload(
        string key, [FromQuery] string? exp, [FromQuery(Name = "ct")] string? contentType, [FromQuery] string? sig,
        HttpContext http, [FromServices] IBlobStore store, [FromServices] LocalFileUrls urls,
        [FromServices] IOptions<StorageOptions> options, CancellationToken ct)
    {
        if (store is not LocalBlobStore) return NotFound();
        if (!urls.IsValidUpload(key, exp, contentType, sig)) return Forbidden("The upload link is invalid or has expired.");
        // Like S3: the signature covers the content type, so a body of another type is not what was authorized.
        if (!string.Equals(http.Request.ContentType, contentType, StringComparison.OrdinalIgnoreCase))
            return Forbidden($"The Content-Type must be '{contentType}', as signed in the upload link.");

        var maxBytes = options.Value.MaxUploadBytes;
        if (http.Request.ContentLength > maxBytes) return TooLarge(maxBytes);
        // Lift the server's default body limit (30 MB on Kestrel) to the upload limit; the body is streamed to
        // disk, never buffered.
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
            limit.MaxRequestBodySize = maxBytes;

        try
        {
            await store.PutAsync(key, http.Request.Body, contentType!, ct);
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return TooLarge(maxBytes); // a chunked body that passed the limit; the temp file is already gone
        }

        return TypedResults.Created();
    }

    private static ProblemHttpResult NotFound() =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, type: "/problems/not-found", title: "Not found",
            detail: "The file was not found.");

    private static ProblemHttpResult Forbidden(string detail) =>
        TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, type: "/problems/forbidden", title: "Forbidden", detail: detail);

    private static ProblemHttpResult TooLarge(long maxBytes) =>
        TypedResults.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, type: "/problems/payload-too-large",
            title: "Payload too large", detail: $"The upload is larger than the limit of {maxBytes} bytes.");
}
