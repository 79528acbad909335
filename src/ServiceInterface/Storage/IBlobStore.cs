namespace Vtis.ServiceInterface.Storage;

/// <summary>
/// Where uploaded videos and results live. Two implementations pass one contract suite: a local folder (embedded
/// default) and S3/MinIO. Content is always streamed, never buffered whole. Keys are relative paths with '/'
/// separators (e.g. <c>uploads/{accountId}/{uploadId}/source</c>); they never start with '/' or contain "..".
/// </summary>
public interface IBlobStore
{
    /// <summary>Stores <paramref name="content"/> under <paramref name="key"/>, replacing any existing blob.
    /// Reads the stream to its end without buffering it whole; returns the number of bytes stored.</summary>
    Task<long> PutAsync(string key, Stream content, string contentType, CancellationToken ct);

    /// <summary>Opens the blob for reading. Throws <see cref="BlobNotFoundException"/> when it does not exist.</summary>
    Task<Stream> OpenReadAsync(string key, CancellationToken ct);

    /// <summary>Size and content type, or null when the blob does not exist.</summary>
    Task<BlobInfo?> GetInfoAsync(string key, CancellationToken ct);

    /// <summary>Deletes the blob; deleting a missing blob is not an error.</summary>
    Task DeleteAsync(string key, CancellationToken ct);

    /// <summary>A short-lived URL anyone holding it can GET the blob from (S3 presigned GET, or an HMAC-signed
    /// <c>/files/…</c> URL of this app). <paramref name="downloadFileName"/> sets Content-Disposition.</summary>
    Uri GetDownloadUrl(string key, TimeSpan lifetime, string? downloadFileName = null);

    /// <summary>A short-lived URL a client can PUT the blob's bytes to directly (S3 presigned PUT, or an
    /// HMAC-signed <c>/files/…</c> URL of this app that streams to the folder).</summary>
    Uri GetUploadUrl(string key, TimeSpan lifetime, string contentType);

    /// <summary>A path on this machine when the store is a local folder (tools such as ffprobe read it directly),
    /// otherwise null (use <see cref="GetToolInput"/>).</summary>
    string? TryGetLocalPath(string key);

    /// <summary>What ffprobe and ffmpeg run by this app read the blob from: the file itself for a local folder, else
    /// a short-lived URL on the endpoint this app reaches the store at (which may not be the public one that
    /// <see cref="GetDownloadUrl"/> gives to browsers, e.g. <c>http://minio:9000</c> inside docker compose).</summary>
    string GetToolInput(string key, TimeSpan lifetime);

    /// <summary>True when the store can be written and read (health check).</summary>
    Task<bool> CheckHealthAsync(CancellationToken ct);
}

public sealed record BlobInfo(string Key, long Size, string ContentType);

public sealed class BlobNotFoundException(string key) : Exception($"Blob '{key}' does not exist.")
{
    public string Key { get; } = key;
}
