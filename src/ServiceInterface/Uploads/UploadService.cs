using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Vtis.ServiceInterface.Common;
using Vtis.ServiceInterface.Data;
using Vtis.ServiceInterface.Storage;
using Vtis.ServiceModel.Uploads;

namespace Vtis.ServiceInterface.Uploads;

public sealed class UploadService(
    AppDbContext db, IBlobStore store, UploadIngest ingest, Media.PreviewFrames previews, IOptions<UploadOptions> options, TimeProvider clock) :
    IHandle<UploadVideo, UploadInfo>,
    IHandle<GetUploadPreview, ServiceModel.Jobs.DownloadLink>,
    IHandle<GetUploadLimits, UploadLimits>,
    IHandle<PresignUpload, PresignedUpload>,
    IHandle<CompleteUpload, UploadInfo>,
    IHandle<GetUpload, UploadInfo>
{
    public async Task<UploadInfo> Handle(UploadVideo request, CancellationToken ct)
    {
        var (upload, _) = await ingest.FromMultipartAsync("file", ct);
        return UploadIngest.Describe(upload);
    }

    public async Task<PresignedUpload> Handle(PresignUpload request, CancellationToken ct)
    {
        if (request.Size > options.Value.MaxBytes)
            throw Problems.VideoTooLarge(options.Value.MaxBytes);
        var upload = ingest.Create(MultipartUpload.SafeFileName(request.FileName), request.ContentType, UploadStatus.Pending);
        db.Uploads.Add(upload);
        await db.SaveChangesAsync(ct);
        var lifetime = TimeSpan.FromSeconds(options.Value.PresignSeconds);
        return new PresignedUpload
        {
            UploadId = upload.Id,
            Url = store.GetUploadUrl(upload.StorageKey, lifetime, upload.ContentType).ToString(),
            Headers = new Dictionary<string, string> { ["Content-Type"] = upload.ContentType },
            ExpiresAt = clock.GetUtcNow().Add(lifetime),
        };
    }

    public async Task<UploadInfo> Handle(CompleteUpload request, CancellationToken ct)
    {
        var upload = await FindAsync(request.Id, ct);
        if (upload.Status == UploadStatus.Ready) return UploadIngest.Describe(upload); // completing twice is harmless
        if (upload.Status == UploadStatus.Rejected)
            throw Problems.Conflict("upload-rejected", $"The upload was rejected: {upload.RejectionReason}");

        var stored = await store.GetInfoAsync(upload.StorageKey, ct)
            ?? throw Problems.Conflict("upload-missing", "Nothing was uploaded to the URL yet: PUT the file first, then complete.");
        if (stored.Size > options.Value.MaxBytes)
        {
            await store.DeleteAsync(upload.StorageKey, ct);
            throw Problems.VideoTooLarge(options.Value.MaxBytes);
        }

        upload.Size = stored.Size;
        await ingest.ValidateAsync(upload, ct);
        return UploadIngest.Describe(upload);
    }

    public Task<UploadLimits> Handle(GetUploadLimits request, CancellationToken ct) => Task.FromResult(new UploadLimits
    {
        MaxBytes = options.Value.MaxBytes,
        MaxDurationSeconds = options.Value.MaxDurationSeconds,
        MaxLongSide = options.Value.MaxLongSide,
        MaxShortSide = options.Value.MaxShortSide,
    });

    public async Task<ServiceModel.Jobs.DownloadLink> Handle(GetUploadPreview request, CancellationToken ct)
    {
        var upload = await FindAsync(request.Id, ct);
        if (upload.Status != UploadStatus.Ready || upload.Media is null)
            throw Problems.Conflict("upload-not-ready", "The upload is not ready: complete it first (or it was rejected).");
        var key = await previews.EnsureAsync(upload.StorageKey, upload.Media.DurationSeconds, ct);
        var lifetime = TimeSpan.FromMinutes(15);
        return new ServiceModel.Jobs.DownloadLink { Url = store.GetDownloadUrl(key, lifetime).ToString(), ExpiresAt = clock.GetUtcNow().Add(lifetime) };
    }

    public async Task<UploadInfo> Handle(GetUpload request, CancellationToken ct) =>
        UploadIngest.Describe(await FindAsync(request.Id, ct));

    private async Task<Upload> FindAsync(Guid id, CancellationToken ct) =>
        await db.Uploads.SingleOrDefaultAsync(u => u.Id == id, ct) ?? throw Problems.NotFound("Upload");
}
