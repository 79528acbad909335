using Microsoft.AspNetCore.Identity;
using Vtis.ServiceInterface.Credits;
using Vtis.ServiceInterface.Data;

namespace Vtis.ServiceInterface.Accounts;

/// <summary>Creates a user together with the account it owns and the sign-up grant. The caller saves.</summary>
public static class AccountFactory
{
    public static User Create(
        AppDbContext db, CreditLedger ledger, AccountOptions options, TimeProvider clock,
        string email, string? displayName, string password, IPasswordHasher<User> hasher, bool isAdmin)
    {
        var now = clock.GetUtcNow();
        var name = string.IsNullOrWhiteSpace(displayName) ? email.Split('@')[0] : displayName.Trim();
        var account = new Account { Name = name, CreatedAt = now };
        var user = new User
        {
            AccountId = account.Id,
            Email = email,
            NormalizedEmail = AuthService.Normalize(email),
            DisplayName = name,
            IsAdmin = isAdmin,
            CreatedAt = now,
        };
        user.PasswordHash = hasher.HashPassword(user, password);
        db.Accounts.Add(account);
        db.Users.Add(user);
        if (options.SignupCredits > 0)
            ledger.Grant(account.Id, options.SignupCredits, reference: "signup", reason: "Free credits at sign-up");
        return user;
    }
}
