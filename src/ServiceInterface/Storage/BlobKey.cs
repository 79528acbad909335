namespace Vtis.ServiceInterface.Storage;

/// <summary>
/// The one rule for blob keys, applied by every store so a key that works on one provider works on the other:
/// '/'-separated segments, none empty, none starting with '.', and no backslash, ':' or control character.
/// </summary>
/// <remarks>
/// Rejecting segments that start with '.' rules out "." and ".." (no escaping the storage root) and leaves
/// dot-names free for the stores' own bookkeeping (the local store's temp and content-type files, health probes),
/// which therefore can never collide with a blob.
/// </remarks>
public static class BlobKey
{
    /// <summary>S3's limit on the UTF-8 length of a key.</summary>
    public const int MaxLength = 1024;

    /// <summary>Returns <paramref name="key"/> when it is a valid blob key; otherwise throws
    /// <see cref="ArgumentException"/> saying why.</summary>
    public static string Validate(string key)
    {
        if (Problem(key) is { } problem)
            throw new ArgumentException($"Invalid blob key '{Printable(key)}': {problem}.", nameof(key));
        return key;
    }

    /// <summary>The key as a URL path: each segment percent-encoded, '/' kept as the separator.</summary>
    public static string ToUrlPath(string key) => string.Join('/', key.Split('/').Select(Uri.EscapeDataString));

    private static string? Problem(string? key)
    {
        if (string.IsNullOrEmpty(key)) return "it is empty";
        if (System.Text.Encoding.UTF8.GetByteCount(key) > MaxLength) return $"it is longer than {MaxLength} bytes";
        if (key.Any(char.IsControl)) return "it contains a control character";
        if (key.Contains('\\')) return "it contains a backslash";
        if (key.StartsWith('/')) return "it is absolute (starts with '/')";
        if (key.Contains(':')) return "it contains ':' (a drive or stream name on Windows)";
        foreach (var segment in key.Split('/'))
        {
            if (segment.Length == 0) return "it has an empty segment";
            if (segment.StartsWith('.')) return "a segment starts with '.'";
        }

        return null;
    }

    private static string Printable(string? key) =>
        key is null ? "" : new string(key.Select(c => char.IsControl(c) ? '?' : c).ToArray());
}
