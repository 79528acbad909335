using System.Security.Claims;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Vtis.ServiceInterface.Common;
using Vtis.ServiceInterface.Data;
using Vtis.ServiceModel;
using Vtis.ServiceModel.Auth;

namespace Vtis.ServiceInterface.Accounts;

/// <summary>Issues access tokens (JWT) and rotating refresh tokens, and detects refresh-token reuse.</summary>
public sealed class TokenIssuer(AppDbContext db, IOptions<JwtOptions> options, TimeProvider clock)
{
    private readonly JwtOptions _options = options.Value;

    public static SymmetricSecurityKey SigningKey(JwtOptions options) => new(Encoding.UTF8.GetBytes(options.SigningKey));

    /// <summary>Starts a new session (token family) for the user. The caller saves.</summary>
    public AuthTokens StartSession(User user) => Issue(user, familyId: Guid.CreateVersion7());

    /// <summary>Rotates a refresh token. A token that was already used or revoked revokes its whole family.</summary>
    public async Task<AuthTokens> RotateAsync(string refreshToken, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var stored = await db.RefreshTokens.SingleOrDefaultAsync(t => t.TokenHash == Secrets.Sha256Hex(refreshToken), ct)
            ?? throw InvalidRefreshToken("The refresh token is not valid.");

        if (stored.RevokedAt is not null || stored.UsedAt is not null)
        {
            await RevokeFamilyAsync(stored.FamilyId, ct);
            throw InvalidRefreshToken("The refresh token was already used; the session has been ended.");
        }

        if (stored.ExpiresAt <= now) throw InvalidRefreshToken("The refresh token has expired.");

        // Claim the token atomically so two concurrent refreshes cannot both succeed.
        var claimed = await db.RefreshTokens
            .Where(t => t.Id == stored.Id && t.UsedAt == null && t.RevokedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.UsedAt, now), ct);
        if (claimed == 0)
        {
            await RevokeFamilyAsync(stored.FamilyId, ct);
            throw InvalidRefreshToken("The refresh token was already used; the session has been ended.");
        }

        var user = await db.Users.SingleOrDefaultAsync(u => u.Id == stored.UserId, ct)
            ?? throw InvalidRefreshToken("The user no longer exists.");
        if (user.DisabledAt is not null) throw AuthService.AccountDisabled();
        var tokens = Issue(user, stored.FamilyId);
        await db.SaveChangesAsync(ct);
        return tokens;
    }

    public Task<int> RevokeFamilyAsync(Guid familyId, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        return db.RefreshTokens.Where(t => t.FamilyId == familyId && t.RevokedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.RevokedAt, now), ct);
    }

    public Task<int> RevokeAllAsync(Guid userId, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        return db.RefreshTokens.Where(t => t.UserId == userId && t.RevokedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.RevokedAt, now), ct);
    }

    public static IEnumerable<Claim> ClaimsOf(User user, string authMethod)
    {
        yield return new Claim(AppClaims.UserId, user.Id.ToString());
        yield return new Claim(AppClaims.AccountId, user.AccountId.ToString());
        yield return new Claim(AppClaims.Email, user.Email);
        yield return new Claim(AppClaims.AuthMethod, authMethod);
        foreach (var role in RolesOf(user)) yield return new Claim(AppClaims.Role, role);
    }

    public static IReadOnlyList<string> RolesOf(User user) => user.IsAdmin ? [Roles.User, Roles.Admin] : [Roles.User];

    private AuthTokens Issue(User user, Guid familyId)
    {
        var now = clock.GetUtcNow();
        var refresh = Secrets.NewToken();
        db.RefreshTokens.Add(new RefreshToken
        {
            UserId = user.Id,
            FamilyId = familyId,
            TokenHash = Secrets.Sha256Hex(refresh),
            CreatedAt = now,
            ExpiresAt = now.AddDays(_options.RefreshTokenDays),
        });

        var lifetime = TimeSpan.FromMinutes(_options.AccessTokenMinutes);
        var access = new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = _options.Issuer,
            Audience = _options.Audience,
            Subject = new ClaimsIdentity(ClaimsOf(user, "jwt")),
            IssuedAt = now.UtcDateTime,
            NotBefore = now.UtcDateTime,
            Expires = now.Add(lifetime).UtcDateTime,
            SigningCredentials = new SigningCredentials(SigningKey(_options), SecurityAlgorithms.HmacSha256),
        });

        return new AuthTokens { AccessToken = access, RefreshToken = refresh, ExpiresIn = (int)lifetime.TotalSeconds };
    }

    private static ProblemException InvalidRefreshToken(string detail) =>
        Problems.Unauthorized("invalid-refresh-token", detail);
}
