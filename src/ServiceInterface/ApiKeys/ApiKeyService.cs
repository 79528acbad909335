using Microsoft.EntityFrameworkCore;
using Vtis.ServiceInterface.Common;
using Vtis.ServiceInterface.Data;
using Vtis.ServiceModel;
using Vtis.ServiceModel.ApiKeys;

namespace Vtis.ServiceInterface.ApiKeys;

public sealed class ApiKeyService(AppDbContext db, ICurrentUser caller, TimeProvider clock) :
    IHandle<ListApiKeys, IReadOnlyList<ApiKeyInfo>>,
    IHandle<CreateApiKey, CreatedApiKey>,
    IHandle<DeleteApiKey, NoContent>
{
    public const int MaxKeysPerAccount = 50;

    public async Task<IReadOnlyList<ApiKeyInfo>> Handle(ListApiKeys request, CancellationToken ct)
    {
        var keys = await db.ApiKeys.AsNoTracking().Where(k => k.RevokedAt == null)
            .OrderByDescending(k => k.CreatedAt).ToListAsync(ct);
        return keys.Select(k => Describe(k, new ApiKeyInfo())).ToList();
    }

    public async Task<CreatedApiKey> Handle(CreateApiKey request, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        if (request.ExpiresAt is { } expires && expires <= now)
            throw Problems.Field("expiresAt", "The expiry must be in the future.");
        if (await db.ApiKeys.CountAsync(k => k.RevokedAt == null, ct) >= MaxKeysPerAccount)
            throw Problems.Conflict("too-many-api-keys", $"An account can have at most {MaxKeysPerAccount} API keys.");

        var (key, prefix) = ApiKeyFormat.New();
        var entity = new ApiKey
        {
            UserId = caller.UserId,
            Name = request.Name.Trim(),
            Prefix = prefix,
            SecretHash = Secrets.Sha256Hex(key),
            CreatedAt = now,
            ExpiresAt = request.ExpiresAt?.ToUniversalTime(),
        };
        db.ApiKeys.Add(entity);
        await db.SaveChangesAsync(ct);
        var created = Describe(entity, new CreatedApiKey());
        created.Key = key;
        return created;
    }

    public async Task<NoContent> Handle(DeleteApiKey request, CancellationToken ct)
    {
        var key = await db.ApiKeys.SingleOrDefaultAsync(k => k.Id == request.Id && k.RevokedAt == null, ct)
            ?? throw Problems.NotFound("API key");
        key.RevokedAt = clock.GetUtcNow();
        await db.SaveChangesAsync(ct);
        return NoContent.Value;
    }

    private static T Describe<T>(ApiKey key, T info)
        where T : ApiKeyInfo
    {
        info.Id = key.Id;
        info.Name = key.Name;
        info.Prefix = key.Prefix;
        info.CreatedAt = key.CreatedAt;
        info.ExpiresAt = key.ExpiresAt;
        info.LastUsedAt = key.LastUsedAt;
        return info;
    }
}
