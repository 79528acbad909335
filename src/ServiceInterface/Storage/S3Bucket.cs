using System.Net;
using Amazon.S3;
using Amazon.S3.Model;

namespace Vtis.ServiceInterface.Storage;

/// <summary>Makes sure the configured bucket exists before the first request that needs it, creating it when
/// <see cref="S3StorageOptions.CreateBucketIfMissing"/> allows. Checked once per process.</summary>
internal sealed class S3Bucket(IAmazonS3 s3, string name, bool createIfMissing) : IDisposable
{
    private readonly SemaphoreSlim _check = new(1, 1);
    private volatile bool _ready = !createIfMissing; // without permission to create, there is nothing to check

    // A failed attempt (server down, no permission) leaves _ready false, so the next call tries again.
    public async Task EnsureExistsAsync(CancellationToken ct)
    {
        if (_ready) return;
        await _check.WaitAsync(ct);
        try
        {
            if (_ready) return;
            try
            {
                await s3.HeadBucketAsync(new HeadBucketRequest { BucketName = name }, ct);
            }
            catch (AmazonS3Exception e) when (e.StatusCode == HttpStatusCode.NotFound)
            {
                await CreateAsync(ct);
            }

            _ready = true;
        }
        finally
        {
            _check.Release();
        }
    }

    public void Dispose() => _check.Dispose();

    private async Task CreateAsync(CancellationToken ct)
    {
        try
        {
            await s3.PutBucketAsync(new PutBucketRequest { BucketName = name, UseClientRegion = true }, ct);
        }
        catch (AmazonS3Exception e) when (e.ErrorCode == "BucketAlreadyOwnedByYou")
        {
            // Another replica created it between our check and our request.
        }
    }
}
