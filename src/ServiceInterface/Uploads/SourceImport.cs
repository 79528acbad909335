using System.Net;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using Vtis.ServiceInterface.Common;
using Vtis.ServiceInterface.Data;
using Vtis.ServiceInterface.Storage;
using Vtis.ServiceModel.Uploads;

namespace Vtis.ServiceInterface.Uploads;

/// <summary>
/// Fetches a video from a public http(s) URL into storage as an upload and validates it like any other, so a job
/// from a URL is priced and processed exactly like one from an upload (and never depends on the URL again).
/// The fetch goes through the <see cref="OutboundGuard"/>: public addresses only, no redirects, size-bounded.
/// </summary>
public sealed class SourceImport(
    AppDbContext db, IBlobStore store, UploadIngest ingest, IHttpClientFactory http, OutboundGuard guard, IOptions<UploadOptions> options)
{
    public async Task<Upload> ImportAsync(string sourceUrl, CancellationToken ct)
    {
        if (!OutboundGuard.IsHttpUrl(sourceUrl, out var uri)) throw Problems.Field("sourceUrl", "The source URL must be an http(s) URL.");
        if (IPAddress.TryParse(uri.Host.Trim('[', ']'), out var literal) && !guard.IsAllowed(literal))
            throw Refused();

        HttpResponseMessage response;
        try
        {
            response = await http.CreateClient(OutboundGuard.HttpClientName).GetAsync(uri, HttpCompletionOption.ResponseHeadersRead, ct);
        }
        catch (HttpRequestException e) when (e.Message.Contains("not a public address", StringComparison.Ordinal))
        {
            throw Refused();
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !ct.IsCancellationRequested)
        {
            throw new ProblemException(StatusCodes.Status422UnprocessableEntity, "source-unreachable", "Source unreachable",
                $"The source URL could not be fetched: {e.Message}");
        }

        using (response)
        {
            if (!response.IsSuccessStatusCode)
                throw new ProblemException(StatusCodes.Status422UnprocessableEntity, "source-unreachable", "Source unreachable",
                    $"The source URL answered {(int)response.StatusCode} {response.ReasonPhrase} (redirects are not followed).");
            if (response.Content.Headers.ContentLength > options.Value.MaxBytes)
                throw Problems.VideoTooLarge(options.Value.MaxBytes);

            var fileName = MultipartUpload.SafeFileName(Uri.UnescapeDataString(uri.Segments.LastOrDefault() ?? "video"));
            var upload = ingest.Create(fileName, response.Content.Headers.ContentType?.MediaType ?? "application/octet-stream", UploadStatus.Pending);
            db.Uploads.Add(upload);
            await using (var body = await response.Content.ReadAsStreamAsync(ct))
            {
                try
                {
                    upload.Size = await store.PutAsync(upload.StorageKey, new BoundedStream(body, options.Value.MaxBytes), upload.ContentType, ct);
                }
                catch
                {
                    await store.DeleteAsync(upload.StorageKey, CancellationToken.None);
                    throw;
                }
            }

            await ingest.ValidateAsync(upload, ct);
            return upload;
        }
    }

    private static ProblemException Refused() =>
        Problems.Field("sourceUrl", "The source URL must point to a public address.");
}
