using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using System.Text;

namespace Vtis.GhostCut;

/// <summary>
/// GhostCut's request and callback signature: lowercase hex MD5 of (lowercase hex MD5 of the body + app secret).
/// The same construction signs our calls (<c>AppSign</c>) and GhostCut's callbacks (<c>Callback-Sign</c>).
/// </summary>
public static class GhostCutSignature
{
    /// <summary>Signs the exact bytes that are (or were) sent on the wire.</summary>
    /// <param name="body">The raw request body; re-serialising would change the signature.</param>
    /// <param name="appSecret">The GhostCut app secret.</param>
    /// <returns>32 lowercase hexadecimal characters.</returns>
    [SuppressMessage("Security", "CA5351:Do Not Use Broken Cryptographic Algorithms",
        Justification = "GhostCut's protocol mandates MD5; it is their wire format, not our choice of primitive.")]
    public static string Sign(ReadOnlySpan<byte> body, string appSecret)
    {
        ArgumentNullException.ThrowIfNull(appSecret);
        Span<byte> hash = stackalloc byte[MD5.HashSizeInBytes];
        MD5.HashData(body, hash);
        var inner = Convert.ToHexStringLower(hash);
        MD5.HashData(Encoding.UTF8.GetBytes(inner + appSecret), hash);
        return Convert.ToHexStringLower(hash);
    }

    /// <summary>
    /// Checks a signature over the raw body in constant time. Only the exact lowercase form is accepted, as GhostCut
    /// sends it; anything else (other case, missing header, tampered body) is rejected.
    /// </summary>
    /// <param name="body">The raw body as received, before any parsing.</param>
    /// <param name="signature">The received header value; <see langword="null"/> when the header was missing.</param>
    /// <param name="appSecret">The GhostCut app secret.</param>
    /// <returns><see langword="true"/> when the signature matches.</returns>
    public static bool Verify(ReadOnlySpan<byte> body, string? signature, string appSecret)
    {
        if (signature is null)
        {
            return false;
        }

        var expected = Encoding.ASCII.GetBytes(Sign(body, appSecret));
        return CryptographicOperations.FixedTimeEquals(expected, Encoding.UTF8.GetBytes(signature));
    }
}
