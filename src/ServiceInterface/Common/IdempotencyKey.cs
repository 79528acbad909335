using Microsoft.AspNetCore.Http;

namespace Vtis.ServiceInterface.Common;

/// <summary>The <c>Idempotency-Key</c> request header: a caller's name for one intended operation, so a retry of it
/// answers the first result instead of doing it again.</summary>
public static class IdempotencyKey
{
    public const string Header = "Idempotency-Key";
    public const int MaxLength = 100;

    /// <summary>The request's key, trimmed, or null when it has none; a key over <see cref="MaxLength"/> is a 400.</summary>
    public static string? Of(HttpContext? http)
    {
        var value = http?.Request.Headers[Header].ToString();
        if (string.IsNullOrWhiteSpace(value)) return null;
        return value.Length <= MaxLength ? value.Trim()
            : throw Problems.Field(Header, $"The {Header} header must be at most {MaxLength} characters.");
    }
}
