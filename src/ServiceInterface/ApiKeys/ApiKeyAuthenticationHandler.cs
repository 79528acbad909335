using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Vtis.ServiceInterface.Accounts;
using Vtis.ServiceInterface.Common;
using Vtis.ServiceInterface.Data;

namespace Vtis.ServiceInterface.ApiKeys;

/// <summary>Authenticates <c>X-Api-Key: vtis_…</c> or <c>Authorization: Bearer vtis_…</c>.</summary>
public sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    AppDbContext db,
    TimeProvider clock) : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";
    public const string HeaderName = "X-Api-Key";
    private static readonly TimeSpan LastUsedResolution = TimeSpan.FromMinutes(1);

    /// <summary>The key presented with the request, if any.</summary>
    public static string? PresentedKey(Microsoft.AspNetCore.Http.HttpRequest request)
    {
        if (request.Headers.TryGetValue(HeaderName, out var header) && !string.IsNullOrEmpty(header)) return header.ToString();
        var auth = request.Headers.Authorization.ToString();
        const string bearer = "Bearer ";
        return auth.StartsWith(bearer, StringComparison.OrdinalIgnoreCase) && ApiKeyFormat.LooksLikeKey(auth[bearer.Length..].Trim())
            ? auth[bearer.Length..].Trim()
            : null;
    }

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var presented = PresentedKey(Request);
        if (presented is null) return AuthenticateResult.NoResult();
        var prefix = ApiKeyFormat.PrefixOf(presented);
        if (prefix is null) return AuthenticateResult.Fail("Malformed API key.");

        var now = clock.GetUtcNow();
        var key = await db.ApiKeys.IgnoreQueryFilters().AsNoTracking()
            .SingleOrDefaultAsync(k => k.Prefix == prefix, Context.RequestAborted);
        if (key is null || !Secrets.HashMatches(presented, key.SecretHash)) return AuthenticateResult.Fail("Unknown API key.");
        if (key.RevokedAt is not null) return AuthenticateResult.Fail("The API key was revoked.");
        if (key.ExpiresAt is { } expires && expires <= now) return AuthenticateResult.Fail("The API key has expired.");

        var user = await db.Users.AsNoTracking().SingleOrDefaultAsync(u => u.Id == key.UserId, Context.RequestAborted);
        if (user is null) return AuthenticateResult.Fail("The API key's user no longer exists.");
        if (user.DisabledAt is not null) return AuthenticateResult.Fail("The API key's user is disabled.");

        if (key.LastUsedAt is null || now - key.LastUsedAt > LastUsedResolution)
        {
            await db.ApiKeys.IgnoreQueryFilters().Where(k => k.Id == key.Id)
                .ExecuteUpdateAsync(s => s.SetProperty(k => k.LastUsedAt, now), Context.RequestAborted);
        }

        var identity = new ClaimsIdentity(TokenIssuer.ClaimsOf(user, "apiKey"), SchemeName, AppClaims.UserId, AppClaims.Role);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }
}
