using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Vtis.ServiceInterface.Common;
using Vtis.ServiceInterface.Credits;
using Vtis.ServiceInterface.Data;
using Vtis.ServiceModel;
using Vtis.ServiceModel.Auth;

namespace Vtis.ServiceInterface.Accounts;

public sealed class AuthService(
    AppDbContext db,
    TokenIssuer tokens,
    CreditLedger ledger,
    IPasswordHasher<User> hasher,
    ICurrentUser caller,
    IOptions<AccountOptions> options,
    TimeProvider clock) :
    IHandle<Register, AuthTokens>,
    IHandle<Login, AuthTokens>,
    IHandle<RefreshTokens, AuthTokens>,
    IHandle<Logout, NoContent>,
    IHandle<ChangePassword, NoContent>,
    IHandle<GetMe, MeResponse>
{
    // Verified against when the email is unknown, so a miss costs as much time as a wrong password.
    private static readonly string DummyHash = new PasswordHasher<User>().HashPassword(new User(), Secrets.NewToken());

    public async Task<AuthTokens> Handle(Register request, CancellationToken ct)
    {
        var normalized = Normalize(request.Email);
        if (await db.Users.AnyAsync(u => u.NormalizedEmail == normalized, ct)) throw EmailTaken();

        var user = AccountFactory.Create(db, ledger, options.Value, clock,
            request.Email.Trim(), request.DisplayName, request.Password, hasher, isAdmin: false);
        var issued = tokens.StartSession(user);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // The only unique key a new account can hit is the email: we lost a race with a concurrent sign-up.
            throw EmailTaken();
        }

        return issued;
    }

    public async Task<AuthTokens> Handle(Login request, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var normalized = Normalize(request.Email);
        var user = await db.Users.SingleOrDefaultAsync(u => u.NormalizedEmail == normalized, ct);
        if (user is null)
        {
            hasher.VerifyHashedPassword(new User(), DummyHash, request.Password);
            throw InvalidCredentials();
        }

        if (user.LockoutEnd is { } until && until > now) throw LockedOut(until - now);

        var result = hasher.VerifyHashedPassword(user, user.PasswordHash, request.Password);
        if (result == PasswordVerificationResult.Failed)
        {
            user.AccessFailedCount++;
            var locked = user.AccessFailedCount >= options.Value.MaxFailedLogins;
            if (locked)
            {
                user.LockoutEnd = now.AddMinutes(options.Value.LockoutMinutes);
                user.AccessFailedCount = 0;
            }

            await db.SaveChangesAsync(ct);
            throw locked ? LockedOut(TimeSpan.FromMinutes(options.Value.LockoutMinutes)) : InvalidCredentials();
        }

        // Only after the password: a wrong one must not tell whether the account exists or is disabled.
        if (user.DisabledAt is not null) throw AccountDisabled();
        if (result == PasswordVerificationResult.SuccessRehashNeeded)
            user.PasswordHash = hasher.HashPassword(user, request.Password);
        user.AccessFailedCount = 0;
        user.LockoutEnd = null;
        var issued = tokens.StartSession(user);
        await db.SaveChangesAsync(ct);
        return issued;
    }

    public Task<AuthTokens> Handle(RefreshTokens request, CancellationToken ct) => tokens.RotateAsync(request.RefreshToken, ct);

    public async Task<NoContent> Handle(Logout request, CancellationToken ct)
    {
        // Answers the same whether or not the token exists, so logout cannot be used to probe tokens.
        var hash = Secrets.Sha256Hex(request.RefreshToken);
        var family = await db.RefreshTokens.Where(t => t.TokenHash == hash).Select(t => (Guid?)t.FamilyId).SingleOrDefaultAsync(ct);
        if (family is { } id) await tokens.RevokeFamilyAsync(id, ct);
        return NoContent.Value;
    }

    public async Task<NoContent> Handle(ChangePassword request, CancellationToken ct)
    {
        var user = await db.Users.SingleAsync(u => u.Id == caller.UserId, ct);
        if (hasher.VerifyHashedPassword(user, user.PasswordHash, request.CurrentPassword) == PasswordVerificationResult.Failed)
            throw Problems.Field("currentPassword", "The current password is not correct.");
        user.PasswordHash = hasher.HashPassword(user, request.NewPassword);
        await db.SaveChangesAsync(ct);
        await tokens.RevokeAllAsync(user.Id, ct);
        return NoContent.Value;
    }

    public async Task<MeResponse> Handle(GetMe request, CancellationToken ct)
    {
        var user = await db.Users.Include(u => u.Account).SingleOrDefaultAsync(u => u.Id == caller.UserId, ct)
            ?? throw Problems.Unauthorized("unauthenticated", "The user no longer exists.");
        return new MeResponse
        {
            User = new UserInfo { Id = user.Id, Email = user.Email, DisplayName = user.DisplayName, CreatedAt = user.CreatedAt },
            Account = new AccountInfo { Id = user.AccountId, Name = user.Account!.Name },
            Roles = TokenIssuer.RolesOf(user),
            Credits = await ledger.GetBalanceAsync(user.AccountId, ct),
            AuthenticatedBy = caller.AuthMethod,
        };
    }

    public static string Normalize(string email) => email.Trim().ToUpperInvariant();

    private static ProblemException EmailTaken() =>
        Problems.Conflict("email-taken", "An account with this email already exists.");

    private static ProblemException InvalidCredentials() =>
        Problems.Unauthorized("invalid-credentials", "The email or password is not correct.");

    public static ProblemException AccountDisabled() =>
        Problems.Forbidden("This account has been disabled by an operator.");

    private static ProblemException LockedOut(TimeSpan retryAfter) =>
        Problems.TooManyRequests("account-locked",
            "Too many failed sign-in attempts. Try again later.", retryAfter);
}
