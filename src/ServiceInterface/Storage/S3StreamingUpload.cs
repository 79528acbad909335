using System.Buffers;
using Amazon.S3;
using Amazon.S3.Model;

namespace Vtis.ServiceInterface.Storage;

/// <summary>
/// Streams a body of unknown length, seekable or not, into S3 holding one part in memory at a time: a body that
/// fits one part is a single PUT, anything longer a multipart upload that is aborted when anything fails.
/// </summary>
internal sealed class S3StreamingUpload(IAmazonS3 s3, string bucket, bool useChunkEncoding)
{
    /// <summary>8 MiB: above S3's 5 MiB minimum part, and 10,000 parts still allow 78 GiB per blob.</summary>
    public const int PartSize = 8 * 1024 * 1024;

    private const int MaxParts = 10_000;

    public async Task<long> PutAsync(string key, Stream content, string contentType, CancellationToken ct)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(PartSize);
        try
        {
            var filled = await FillAsync(content, buffer, ct);
            return filled < PartSize
                ? await PutSingleAsync(key, buffer, filled, contentType, ct)
                : await PutMultipartAsync(key, content, buffer, filled, contentType, ct);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private async Task<long> PutSingleAsync(string key, byte[] buffer, int length, string contentType, CancellationToken ct)
    {
        await s3.PutObjectAsync(new PutObjectRequest
        {
            BucketName = bucket,
            Key = key,
            ContentType = contentType,
            InputStream = new MemoryStream(buffer, 0, length, writable: false),
            AutoCloseStream = false,
            UseChunkEncoding = useChunkEncoding,
        }, ct);
        return length;
    }

    private async Task<long> PutMultipartAsync(string key, Stream content, byte[] buffer, int filled, string contentType, CancellationToken ct)
    {
        var upload = await s3.InitiateMultipartUploadAsync(new InitiateMultipartUploadRequest
        {
            BucketName = bucket,
            Key = key,
            ContentType = contentType,
        }, ct);
        try
        {
            var parts = new List<PartETag>();
            long total = 0;
            for (var number = 1; filled > 0; number++)
            {
                if (number > MaxParts)
                    throw new InvalidOperationException($"Blob '{key}' is larger than {MaxParts} parts of {PartSize} bytes.");
                var part = await s3.UploadPartAsync(new UploadPartRequest
                {
                    BucketName = bucket,
                    Key = key,
                    UploadId = upload.UploadId,
                    PartNumber = number,
                    PartSize = filled,
                    InputStream = new MemoryStream(buffer, 0, filled, writable: false),
                    UseChunkEncoding = useChunkEncoding,
                }, ct);
                parts.Add(new PartETag(number, part.ETag));
                total += filled;
                filled = await FillAsync(content, buffer, ct);
            }

            await s3.CompleteMultipartUploadAsync(new CompleteMultipartUploadRequest
            {
                BucketName = bucket,
                Key = key,
                UploadId = upload.UploadId,
                PartETags = parts,
            }, ct);
            return total;
        }
        catch
        {
            await AbortAsync(key, upload.UploadId);
            throw;
        }
    }

    // Not cancellable: it runs because the upload was cancelled or failed, and should still free the parts.
    private async Task AbortAsync(string key, string uploadId)
    {
        try
        {
            await s3.AbortMultipartUploadAsync(new AbortMultipartUploadRequest { BucketName = bucket, Key = key, UploadId = uploadId });
        }
        catch (AmazonS3Exception)
        {
            // The original failure is the one to report; a bucket lifecycle rule removes parts left behind.
        }
    }

    private static Task<int> FillAsync(Stream content, byte[] buffer, CancellationToken ct) =>
        content.ReadAtLeastAsync(buffer.AsMemory(0, PartSize), PartSize, throwOnEndOfStream: false, ct).AsTask();
}
