using System.ComponentModel.DataAnnotations;

namespace Vtis.ServiceModel.ApiKeys;

/// <summary>The account's API keys (secrets are never shown again after creation).</summary>
[Route("/api/v1/api-keys", "GET"), SignedInOnly, Tag("API keys")]
public sealed class ListApiKeys : IReturn<IReadOnlyList<ApiKeyInfo>>;

/// <summary>Creates an API key. The secret is answered once, as <c>key</c>; only its hash is stored.</summary>
[Route("/api/v1/api-keys", "POST", Status = 201), SignedInOnly, Tag("API keys")]
public sealed class CreateApiKey : IReturn<CreatedApiKey>
{
    /// <summary>What the key is for.</summary>
    [Required, StringLength(100, MinimumLength = 1)]
    public string Name { get; set; } = "";

    /// <summary>Optional expiry (UTC, in the future).</summary>
    public DateTimeOffset? ExpiresAt { get; set; }
}

/// <summary>Revokes an API key at once.</summary>
[Route("/api/v1/api-keys/{id}", "DELETE"), SignedInOnly, Tag("API keys")]
public sealed class DeleteApiKey : IReturnVoid
{
    /// <summary>Key id.</summary>
    public Guid Id { get; set; }
}

/// <summary>An API key without its secret.</summary>
public class ApiKeyInfo
{
    /// <summary>Key id.</summary>
    public Guid Id { get; set; }

    /// <summary>Name given at creation.</summary>
    public string Name { get; set; } = "";

    /// <summary>The visible start of the key, to tell keys apart.</summary>
    public string Prefix { get; set; } = "";

    /// <summary>Creation time (UTC).</summary>
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>Expiry (UTC), if any.</summary>
    public DateTimeOffset? ExpiresAt { get; set; }

    /// <summary>Last time the key authenticated a request (UTC; updated at most once a minute).</summary>
    public DateTimeOffset? LastUsedAt { get; set; }
}

/// <summary>A new API key with its secret, shown this once.</summary>
public sealed class CreatedApiKey : ApiKeyInfo
{
    /// <summary>The secret: send as <c>Authorization: Bearer &lt;key&gt;</c> or <c>X-Api-Key: &lt;key&gt;</c>.</summary>
    public string Key { get; set; } = "";
}
