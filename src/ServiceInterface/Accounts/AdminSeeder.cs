using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Vtis.ServiceInterface.Common;
using Vtis.ServiceInterface.Credits;
using Vtis.ServiceInterface.Data;

namespace Vtis.ServiceInterface.Accounts;

/// <summary>
/// Ensures the operator account exists. With <c>Admin:Email</c>/<c>Admin:Password</c> set, that user exists and is
/// an admin (an existing password is left alone). On the embedded default with none set and no admin yet, it creates
/// <c>admin@localhost</c> with a random password and prints it once to the console (not to the logs).
/// </summary>
public sealed class AdminSeeder(
    AppDbContext db,
    CreditLedger ledger,
    IPasswordHasher<User> hasher,
    IOptions<AdminOptions> admin,
    IOptions<AccountOptions> accounts,
    TimeProvider clock,
    ILogger<AdminSeeder> logger)
{
    public const string DefaultEmail = "admin@localhost";

    public async Task EnsureAdminAsync(bool embedded, CancellationToken ct)
    {
        var (email, password) = (admin.Value.Email, admin.Value.Password);
        if (string.IsNullOrWhiteSpace(email))
        {
            if (!embedded || await db.Users.AnyAsync(u => u.IsAdmin, ct))
            {
                if (!embedded) logger.LogWarning("No Admin:Email configured; no admin account was ensured.");
                return;
            }

            email = DefaultEmail;
            password = Secrets.NewToken(12);
            await CreateAsync(email, password, ct);
            Console.WriteLine($"""

                ==> Created admin account {email} with password: {password}
                    It is shown this once. Set Admin__Email and Admin__Password to choose your own.

                """);
            return;
        }

        var normalized = AuthService.Normalize(email);
        var existing = await db.Users.SingleOrDefaultAsync(u => u.NormalizedEmail == normalized, ct);
        if (existing is not null)
        {
            if (!existing.IsAdmin)
            {
                existing.IsAdmin = true;
                await db.SaveChangesAsync(ct);
                logger.LogInformation("Granted the admin role to the configured admin user {UserId}", existing.Id);
            }

            return;
        }

        if (string.IsNullOrEmpty(password))
            throw new InvalidOperationException("Admin:Password (Admin__Password) is required to create the admin user Admin:Email.");
        var user = await CreateAsync(email, password, ct);
        logger.LogInformation("Created the configured admin user {UserId}", user.Id);
    }

    private async Task<User> CreateAsync(string email, string password, CancellationToken ct)
    {
        var user = AccountFactory.Create(db, ledger, accounts.Value, clock, email, "Administrator", password, hasher, isAdmin: true);
        await db.SaveChangesAsync(ct);
        return user;
    }
}
