using Microsoft.AspNetCore.DataProtection;

namespace Vtis.ServiceInterface.Webhooks;

/// <summary>
/// Endpoint signing secrets are stored sealed with ASP.NET data protection (AES-256-CBC + HMAC-SHA256, keys rotated
/// every 90 days and kept in the database, so every replica opens what another sealed). A secret must be readable to
/// sign, so it is encrypted, not hashed: a copy of the table alone no longer gives them away. Rows written before
/// sealing (no <see cref="Prefix"/>) are read as they are.
/// </summary>
public sealed class WebhookSecrets(IDataProtectionProvider provider)
{
    public const string Prefix = "dp1:";

    private readonly IDataProtector _protector = provider.CreateProtector("Vtis.Webhooks.EndpointSecret.v1");

    public string Seal(string secret) => Prefix + _protector.Protect(secret);

    public string Open(string stored) => stored.StartsWith(Prefix, StringComparison.Ordinal) ? _protector.Unprotect(stored[Prefix.Length..]) : stored;
}
