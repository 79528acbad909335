using System.Security.Cryptography;
using System.Text;

namespace Vtis.ServiceInterface.Common;

/// <summary>Random secrets and their stored form. Secrets are stored only as SHA-256 hashes.</summary>
public static class Secrets
{
    /// <summary>A URL-safe random string carrying <paramref name="bytes"/> bytes of entropy.</summary>
    public static string NewToken(int bytes = 32) => Base64Url(RandomNumberGenerator.GetBytes(bytes));

    public static string Sha256Hex(string value) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(value)));

    public static bool HashMatches(string value, string expectedHex) =>
        CryptographicOperations.FixedTimeEquals(
            Encoding.ASCII.GetBytes(Sha256Hex(value)), Encoding.ASCII.GetBytes(expectedHex));

    private static string Base64Url(byte[] data) =>
        Convert.ToBase64String(data).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
