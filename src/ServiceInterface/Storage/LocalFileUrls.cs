using System.Buffers.Text;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace Vtis.ServiceInterface.Storage;

/// <summary>
/// Creates and checks the local store's signed URLs:
/// <c>/files/{key}?exp={unix seconds}&amp;sig={base64url HMAC-SHA256}</c> plus <c>&amp;name=</c> (download file
/// name) or <c>&amp;ct=</c> (upload content type). The MAC covers <c>"GET\n{key}\n{exp}\n{name}"</c> or
/// <c>"PUT\n{key}\n{exp}\n{contentType}"</c>, so neither the blob, the expiry, the verb nor the extra can be changed.
/// </summary>
public sealed class LocalFileUrls(IOptions<StorageOptions> options, TimeProvider time)
{
    /// <summary>Path under which <see cref="LocalFileEndpoints"/> serves the blobs.</summary>
    public const string PathPrefix = "/files";

    private readonly byte[] _key = Encoding.UTF8.GetBytes(options.Value.SigningKey);
    private readonly string? _baseUrl = options.Value.PublicBaseUrl is { Length: > 0 } url ? url.TrimEnd('/') : null;

    /// <summary>A URL that GETs <paramref name="key"/> until <paramref name="lifetime"/> has passed, as an
    /// attachment named <paramref name="fileName"/> when given.</summary>
    public Uri ForDownload(string key, TimeSpan lifetime, string? fileName = null) =>
        Create(HttpMethods.Get, key, lifetime, "name", fileName);

    /// <summary>A URL that PUTs a body of <paramref name="contentType"/> to <paramref name="key"/> until
    /// <paramref name="lifetime"/> has passed.</summary>
    public Uri ForUpload(string key, TimeSpan lifetime, string contentType)
    {
        ArgumentException.ThrowIfNullOrEmpty(contentType);
        return Create(HttpMethods.Put, key, lifetime, "ct", contentType);
    }

    /// <summary>True when the query values of a GET URL were signed for <paramref name="key"/> and have not expired.</summary>
    public bool IsValidDownload(string key, string? exp, string? fileName, string? sig) =>
        IsValid(HttpMethods.Get, key, exp, fileName, sig);

    /// <summary>True when the query values of a PUT URL were signed for <paramref name="key"/> and
    /// <paramref name="contentType"/> and have not expired.</summary>
    public bool IsValidUpload(string key, string? exp, string? contentType, string? sig) =>
        !string.IsNullOrEmpty(contentType) && IsValid(HttpMethods.Put, key, exp, contentType, sig);

    private Uri Create(string method, string key, TimeSpan lifetime, string extraName, string? extra)
    {
        BlobKey.Validate(key);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(lifetime, TimeSpan.Zero);
        var exp = time.GetUtcNow().Add(lifetime).ToUnixTimeSeconds();
        var query = new StringBuilder()
            .Append("?exp=").Append(exp.ToString(CultureInfo.InvariantCulture))
            .Append("&sig=").Append(Sign(method, key, exp, extra));
        if (!string.IsNullOrEmpty(extra)) query.Append('&').Append(extraName).Append('=').Append(Uri.EscapeDataString(extra));

        var pathAndQuery = $"{PathPrefix}/{BlobKey.ToUrlPath(key)}{query}";
        return _baseUrl is null ? new Uri(pathAndQuery, UriKind.Relative) : new Uri(_baseUrl + pathAndQuery, UriKind.Absolute);
    }

    private bool IsValid(string method, string key, string? exp, string? extra, string? sig)
    {
        if (!long.TryParse(exp, NumberStyles.None, CultureInfo.InvariantCulture, out var expires)) return false;
        if (time.GetUtcNow().ToUnixTimeSeconds() > expires) return false;
        if (string.IsNullOrEmpty(sig)) return false;

        Span<byte> given = stackalloc byte[HMACSHA256.HashSizeInBytes];
        if (!Base64Url.TryDecodeFromChars(sig, given, out var written) || written != given.Length) return false;
        return CryptographicOperations.FixedTimeEquals(given, Mac(method, key, expires, extra));
    }

    private string Sign(string method, string key, long exp, string? extra) => Base64Url.EncodeToString(Mac(method, key, exp, extra));

    // Keys cannot hold '\n' and the extra comes last, so distinct inputs never produce the same message.
    private byte[] Mac(string method, string key, long exp, string? extra) =>
        HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes($"{method}\n{key}\n{exp.ToString(CultureInfo.InvariantCulture)}\n{extra}"));
}
