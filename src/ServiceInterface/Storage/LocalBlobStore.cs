using System.Text.Json;
using Microsoft.Extensions.Options;
using Vtis.ServiceInterface.Common;

namespace Vtis.ServiceInterface.Storage;

/// <summary>
/// Blobs as files under <see cref="LocalStorageOptions.Path"/>: key <c>a/b</c> is the file <c>{root}/a/b</c>, its
/// content type sits beside it in <c>.b.meta</c>. Writes go to a temp file in the same folder and are renamed into
/// place, so a reader never sees a partial blob. URLs are HMAC-signed <c>/files/…</c> URLs served by
/// <see cref="LocalFileEndpoints"/>.
/// </summary>
public sealed class LocalBlobStore(IOptions<StorageOptions> options, LocalFileUrls urls) : IBlobStore
{
    private const int BufferSize = 128 * 1024;
    private const string DefaultContentType = "application/octet-stream";
    private const FileOptions StreamingOptions = FileOptions.Asynchronous | FileOptions.SequentialScan;

    // With a trailing separator, so a prefix test cannot mistake the sibling folder "files2" for "files".
    private readonly string _root = WithTrailingSeparator(Path.GetFullPath(options.Value.Local.Path));

    public async Task<long> PutAsync(string key, Stream content, string contentType, CancellationToken ct)
    {
        ArgumentException.ThrowIfNullOrEmpty(contentType);
        var path = PathOf(key);
        var folder = Path.GetDirectoryName(path)!;
        Directory.CreateDirectory(folder);

        var temp = TempPathIn(folder);
        try
        {
            long length;
            await using (var file = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, BufferSize, StreamingOptions))
            {
                await content.CopyToAsync(file, BufferSize, ct);
                await file.FlushAsync(ct);
                file.Flush(flushToDisk: true); // the rename must not publish a file whose bytes a crash can lose
                length = file.Length;
            }

            // Content type first: a blob that is visible always has its type (an overwrite with another type may
            // show the new type with the old bytes for the instant between the two renames).
            await WriteContentTypeAsync(path, contentType, ct);
            File.Move(temp, path, overwrite: true);
            return length;
        }
        finally
        {
            File.Delete(temp); // no-op once renamed
        }
    }

    public Task<Stream> OpenReadAsync(string key, CancellationToken ct)
    {
        var path = PathOf(key);
        try
        {
            return Task.FromResult<Stream>(new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete, BufferSize, StreamingOptions));
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return Task.FromException<Stream>(new BlobNotFoundException(key));
        }
    }

    public async Task<BlobInfo?> GetInfoAsync(string key, CancellationToken ct)
    {
        var file = new FileInfo(PathOf(key));
        if (!file.Exists) return null;
        return new BlobInfo(key, file.Length, await ReadContentTypeAsync(file.FullName, ct) ?? DefaultContentType);
    }

    public Task DeleteAsync(string key, CancellationToken ct)
    {
        var path = PathOf(key);
        try
        {
            File.Delete(path);
            File.Delete(MetaPathOf(path));
        }
        catch (DirectoryNotFoundException)
        {
            // Nothing was ever stored under this prefix.
        }

        return Task.CompletedTask;
    }

    public Uri GetDownloadUrl(string key, TimeSpan lifetime, string? downloadFileName = null) =>
        urls.ForDownload(key, lifetime, downloadFileName);

    public Uri GetUploadUrl(string key, TimeSpan lifetime, string contentType) =>
        urls.ForUpload(key, lifetime, contentType);

    public string? TryGetLocalPath(string key) => PathOf(key);

    public string GetToolInput(string key, TimeSpan lifetime) => PathOf(key);

    public async Task<bool> CheckHealthAsync(CancellationToken ct)
    {
        // A dot-name can never be a blob key, so the probe cannot clash with stored data.
        var probe = Path.Combine(_root, $".health-{Secrets.NewToken(6)}");
        try
        {
            Directory.CreateDirectory(_root);
            byte[] written = [1, 2, 3, 4];
            await File.WriteAllBytesAsync(probe, written, ct);
            var read = await File.ReadAllBytesAsync(probe, ct);
            File.Delete(probe);
            return read.AsSpan().SequenceEqual(written);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    private string PathOf(string key)
    {
        var path = Path.GetFullPath(Path.Join(_root, BlobKey.Validate(key)));
        // BlobKey already rules out "..", rooted keys and backslashes; this guards the folder if that rule ever slips.
        if (!path.StartsWith(_root, StringComparison.Ordinal))
            throw new ArgumentException($"Blob key '{key}' resolves outside the storage folder.", nameof(key));
        return path;
    }

    private static string WithTrailingSeparator(string path) =>
        Path.EndsInDirectorySeparator(path) ? path : path + Path.DirectorySeparatorChar;

    private static string MetaPathOf(string path) =>
        Path.Combine(Path.GetDirectoryName(path)!, $".{Path.GetFileName(path)}.meta");

    private static string TempPathIn(string folder) => Path.Combine(folder, $".{Secrets.NewToken(9)}.tmp");

    private static async Task WriteContentTypeAsync(string path, string contentType, CancellationToken ct)
    {
        var temp = TempPathIn(Path.GetDirectoryName(path)!);
        try
        {
            await File.WriteAllBytesAsync(temp, JsonSerializer.SerializeToUtf8Bytes(new BlobMeta(contentType)), ct);
            File.Move(temp, MetaPathOf(path), overwrite: true);
        }
        finally
        {
            File.Delete(temp);
        }
    }

    private static async Task<string?> ReadContentTypeAsync(string path, CancellationToken ct)
    {
        try
        {
            await using var meta = File.OpenRead(MetaPathOf(path));
            return (await JsonSerializer.DeserializeAsync<BlobMeta>(meta, cancellationToken: ct))?.ContentType;
        }
        catch (FileNotFoundException)
        {
            return null; // a file dropped into the folder by hand
        }
    }

    private sealed record BlobMeta(string ContentType);
}
