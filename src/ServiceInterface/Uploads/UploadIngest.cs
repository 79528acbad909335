using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using Vtis.ServiceInterface.Common;
using Vtis.ServiceInterface.Data;
using Vtis.ServiceInterface.Media;
using Vtis.ServiceInterface.Storage;
using Vtis.ServiceModel.Uploads;

namespace Vtis.ServiceInterface.Uploads;

/// <summary>Takes a video into storage and decides, with ffprobe, whether jobs may use it. A rejected video's
/// bytes are deleted at once; its row stays (status rejected, with the reason) for support.</summary>
public sealed class UploadIngest(
    AppDbContext db, IBlobStore store, MediaProbe probe, MultipartUpload multipart, ICurrentUser caller,
    IOptions<UploadOptions> options, TimeProvider clock)
{
    /// <summary>Streams the multipart file to storage and validates it; answers the ready upload and the other fields.</summary>
    public async Task<(Upload Upload, IReadOnlyDictionary<string, string> Fields)> FromMultipartAsync(string fileField, CancellationToken ct)
    {
        Upload? upload = null;
        var fields = await multipart.ReadAsync(fileField, async (content, fileName, contentType) =>
        {
            upload = Create(fileName, contentType, UploadStatus.Pending);
            var bounded = new BoundedStream(content, options.Value.MaxBytes);
            try
            {
                upload.Size = await store.PutAsync(upload.StorageKey, bounded, contentType, ct);
            }
            catch
            {
                await store.DeleteAsync(upload.StorageKey, CancellationToken.None);
                throw;
            }
        }, ct);

        db.Uploads.Add(upload!);
        await ValidateAsync(upload!, ct);
        return (upload!, fields);
    }

    public Upload Create(string fileName, string contentType, UploadStatus status)
    {
        var id = Guid.CreateVersion7();
        return new Upload
        {
            Id = id,
            UserId = caller.UserId,
            AccountId = caller.AccountId,
            FileName = fileName,
            ContentType = contentType.Length > 100 ? "application/octet-stream" : contentType,
            StorageKey = $"uploads/{caller.AccountId:N}/{id:N}/source",
            Status = status,
            CreatedAt = clock.GetUtcNow(),
        };
    }

    /// <summary>Probes the stored bytes and marks the upload ready, or rejected (deleting the bytes) with a 4xx.</summary>
    public async Task ValidateAsync(Upload upload, CancellationToken ct)
    {
        try
        {
            if (upload.Size == 0) throw new MediaRejectedException(MediaRejection.Unreadable, "The file is empty.");
            var input = store.GetToolInput(upload.StorageKey, TimeSpan.FromMinutes(15));
            var media = await probe.ProbeAsync(input, ct);
            CheckLimits(media);
            upload.Media = media;
            upload.Status = UploadStatus.Ready;
            upload.CompletedAt = clock.GetUtcNow();
            await db.SaveChangesAsync(ct);
        }
        catch (MediaUnavailableException unavailable)
        {
            // The bytes are stored and nothing says they are bad: keep them and the upload as they are.
            throw new ProblemException(StatusCodes.Status503ServiceUnavailable, "storage-unavailable", "Storage unavailable",
                $"{unavailable.Message} The file is kept; try again in a moment.");
        }
        catch (MediaRejectedException rejected)
        {
            upload.Status = UploadStatus.Rejected;
            upload.RejectionReason = rejected.Message;
            await store.DeleteAsync(upload.StorageKey, CancellationToken.None);
            await db.SaveChangesAsync(CancellationToken.None);
            throw rejected.Kind == MediaRejection.Unreadable
                ? new ProblemException(StatusCodes.Status422UnprocessableEntity, "unreadable-video", "Unreadable video", rejected.Message)
                : new ProblemException(StatusCodes.Status415UnsupportedMediaType, "unsupported-video", "Unsupported video", rejected.Message);
        }
    }

    private void CheckLimits(MediaFacts media)
    {
        var o = options.Value;
        if (media.DurationSeconds > o.MaxDurationSeconds)
            throw new MediaRejectedException(MediaRejection.Unreadable,
                $"The video is {media.DurationSeconds / 60:0.#} minutes long; the limit is {o.MaxDurationSeconds / 60} minutes.");
        if (Math.Max(media.Width, media.Height) > o.MaxLongSide || Math.Min(media.Width, media.Height) > o.MaxShortSide)
            throw new MediaRejectedException(MediaRejection.Unreadable,
                $"The video is {media.Width}x{media.Height}; the limit is {o.MaxLongSide}x{o.MaxShortSide}.");
    }

    public static UploadInfo Describe(Upload upload) => new()
    {
        Id = upload.Id,
        FileName = upload.FileName,
        Status = upload.Status,
        Size = upload.Size,
        CreatedAt = upload.CreatedAt,
        Media = upload.Media is not { } m ? null : new MediaInfo
        {
            Container = m.Container,
            DurationSeconds = m.DurationSeconds,
            Width = m.Width,
            Height = m.Height,
            FrameRate = m.FrameRate,
            VideoCodec = m.VideoCodec,
            HasAudio = m.HasAudio,
        },
    };
}
