using System.Net;
using Amazon;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using Vtis.ServiceInterface.Common;

namespace Vtis.ServiceInterface.Storage;

/// <summary>
/// Blobs as objects in one S3 bucket (AWS, MinIO, s3rver). Uploads stream in parts (<see cref="S3StreamingUpload"/>);
/// URLs are presigned, so clients move the bytes to and from the bucket without passing through this app: for
/// <see cref="S3StorageOptions.PublicServiceUrl"/> when the public endpoint differs from the one this app uses.
/// </summary>
public sealed class S3BlobStore : IBlobStore, IDisposable
{
    private const string DefaultContentType = "application/octet-stream";

    private readonly AmazonS3Client _s3;
    private readonly AmazonS3Client _publicSigner;
    private readonly string _bucket;
    private readonly Protocol _urlProtocol;
    private readonly Protocol _publicUrlProtocol;
    private readonly S3StreamingUpload _upload;
    private readonly S3Bucket _bucketCheck;

    public S3BlobStore(IOptions<StorageOptions> options)
    {
        var s3 = options.Value.S3;
        var compatible = !string.IsNullOrEmpty(s3.ServiceUrl);
        _s3 = CreateClient(s3.ServiceUrl, s3);
        // Presigning is offline (no request is sent), but the signature covers the host, so public URLs are signed by
        // a client configured for the public endpoint.
        _publicSigner = string.IsNullOrEmpty(s3.PublicServiceUrl) ? _s3 : CreateClient(s3.PublicServiceUrl, s3);
        _bucket = s3.Bucket;
        _urlProtocol = UrlProtocol(s3.ServiceUrl);
        _publicUrlProtocol = string.IsNullOrEmpty(s3.PublicServiceUrl) ? _urlProtocol : UrlProtocol(s3.PublicServiceUrl);
        // aws-chunked bodies are an AWS extension that S3-compatible servers do not all decode (s3rver stores the
        // chunk framing as data), so plain signed bodies are sent to them.
        _upload = new S3StreamingUpload(_s3, _bucket, useChunkEncoding: !compatible);
        _bucketCheck = new S3Bucket(_s3, _bucket, s3.CreateBucketIfMissing);
    }

    public async Task<long> PutAsync(string key, Stream content, string contentType, CancellationToken ct)
    {
        BlobKey.Validate(key);
        ArgumentException.ThrowIfNullOrEmpty(contentType);
        await _bucketCheck.EnsureExistsAsync(ct);
        return await _upload.PutAsync(key, content, contentType, ct);
    }

    public async Task<Stream> OpenReadAsync(string key, CancellationToken ct)
    {
        BlobKey.Validate(key);
        await _bucketCheck.EnsureExistsAsync(ct);
        try
        {
            // Disposing the response stream releases the connection.
            return (await _s3.GetObjectAsync(_bucket, key, ct)).ResponseStream;
        }
        catch (AmazonS3Exception e) when (e.StatusCode == HttpStatusCode.NotFound)
        {
            throw new BlobNotFoundException(key);
        }
    }

    public async Task<BlobInfo?> GetInfoAsync(string key, CancellationToken ct)
    {
        BlobKey.Validate(key);
        await _bucketCheck.EnsureExistsAsync(ct);
        try
        {
            var metadata = await _s3.GetObjectMetadataAsync(_bucket, key, ct);
            return new BlobInfo(key, metadata.ContentLength, metadata.Headers.ContentType ?? DefaultContentType);
        }
        catch (AmazonS3Exception e) when (e.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    public async Task DeleteAsync(string key, CancellationToken ct)
    {
        BlobKey.Validate(key);
        await _bucketCheck.EnsureExistsAsync(ct);
        await _s3.DeleteObjectAsync(_bucket, key, ct); // S3 answers 204 for a missing key too
    }

    public Uri GetDownloadUrl(string key, TimeSpan lifetime, string? downloadFileName = null)
    {
        var request = PresignRequest(key, lifetime, HttpVerb.GET, _publicUrlProtocol);
        if (!string.IsNullOrEmpty(downloadFileName))
        {
            var disposition = new ContentDispositionHeaderValue("attachment");
            disposition.SetHttpFileName(downloadFileName);
            request.ResponseHeaderOverrides.ContentDisposition = disposition.ToString();
        }

        return new Uri(_publicSigner.GetPreSignedURL(request));
    }

    public Uri GetUploadUrl(string key, TimeSpan lifetime, string contentType)
    {
        ArgumentException.ThrowIfNullOrEmpty(contentType);
        var request = PresignRequest(key, lifetime, HttpVerb.PUT, _publicUrlProtocol);
        request.ContentType = contentType;
        return new Uri(_publicSigner.GetPreSignedURL(request));
    }

    public string? TryGetLocalPath(string key)
    {
        BlobKey.Validate(key);
        return null;
    }

    public string GetToolInput(string key, TimeSpan lifetime) =>
        _s3.GetPreSignedURL(PresignRequest(key, lifetime, HttpVerb.GET, _urlProtocol));

    public async Task<bool> CheckHealthAsync(CancellationToken ct)
    {
        // A dot-segment can never be a blob key, so the probe cannot clash with stored data.
        var probe = $".health/{Secrets.NewToken(6)}";
        try
        {
            await _bucketCheck.EnsureExistsAsync(ct);
            await _upload.PutAsync(probe, new MemoryStream("ok"u8.ToArray()), "text/plain", ct);
            using var read = await _s3.GetObjectAsync(_bucket, probe, ct);
            using var reader = new StreamReader(read.ResponseStream);
            var body = await reader.ReadToEndAsync(ct);
            await _s3.DeleteObjectAsync(_bucket, probe, ct);
            return body == "ok";
        }
        catch (Exception) when (!ct.IsCancellationRequested)
        {
            return false; // unreachable endpoint, bad credentials, missing bucket: all mean "not healthy"
        }
    }

    public void Dispose()
    {
        if (!ReferenceEquals(_publicSigner, _s3)) _publicSigner.Dispose();
        _s3.Dispose();
        _bucketCheck.Dispose();
    }

    private static Protocol UrlProtocol(string? serviceUrl) =>
        !string.IsNullOrEmpty(serviceUrl) && new Uri(serviceUrl).Scheme == Uri.UriSchemeHttp ? Protocol.HTTP : Protocol.HTTPS;

    private GetPreSignedUrlRequest PresignRequest(string key, TimeSpan lifetime, HttpVerb verb, Protocol protocol)
    {
        BlobKey.Validate(key);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(lifetime, TimeSpan.Zero);
        return new GetPreSignedUrlRequest
        {
            BucketName = _bucket,
            Key = key,
            Verb = verb,
            Expires = DateTime.UtcNow.Add(lifetime), // the SDK signs with its own clock, so no TimeProvider here
            Protocol = protocol,
        };
    }

    private static AmazonS3Client CreateClient(string? serviceUrl, S3StorageOptions s3)
    {
        var config = new AmazonS3Config { ForcePathStyle = s3.ForcePathStyle };
        if (string.IsNullOrEmpty(serviceUrl))
        {
            config.RegionEndpoint = RegionEndpoint.GetBySystemName(s3.Region);
        }
        else
        {
            config.ServiceURL = serviceUrl;
            config.AuthenticationRegion = s3.Region;
            // SDK v4 adds CRC checksums to every upload and validates them on every download by default; not every
            // S3-compatible server knows them, so only send them where an API requires one.
            config.RequestChecksumCalculation = RequestChecksumCalculation.WHEN_REQUIRED;
            config.ResponseChecksumValidation = ResponseChecksumValidation.WHEN_REQUIRED;
        }

        return string.IsNullOrEmpty(s3.AccessKey)
            ? new AmazonS3Client(config)
            : new AmazonS3Client(new BasicAWSCredentials(s3.AccessKey, s3.SecretKey), config);
    }
}
