using System.Security.Cryptography;
using Vtis.ServiceInterface.Common;

namespace Vtis.ServiceInterface.ApiKeys;

/// <summary>Keys look like <c>vtis_&lt;prefix&gt;_&lt;secret&gt;</c>: the prefix finds the row, the hash of the whole key proves it.</summary>
public static class ApiKeyFormat
{
    public const string Marker = "vtis_";
    private const string PrefixAlphabet = "abcdefghijkmnopqrstuvwxyz23456789";

    public static (string Key, string Prefix) New()
    {
        var prefix = Marker + RandomNumberGenerator.GetString(PrefixAlphabet, 10);
        return ($"{prefix}_{Secrets.NewToken(32)}", prefix);
    }

    public static bool LooksLikeKey(string value) => value.StartsWith(Marker, StringComparison.Ordinal);

    /// <summary>The prefix of a presented key, or null when it is not of our format.</summary>
    public static string? PrefixOf(string key)
    {
        if (!LooksLikeKey(key)) return null;
        var end = key.IndexOf('_', Marker.Length);
        return end > Marker.Length ? key[..end] : null;
    }
}
