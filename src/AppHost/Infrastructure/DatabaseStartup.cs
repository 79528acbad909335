using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Vtis.ServiceInterface.Accounts;
using Vtis.ServiceInterface.Common;
using Vtis.ServiceInterface.Data;

namespace Vtis.AppHost.Infrastructure;

public static class DatabaseStartup
{
    /// <summary>Applies migrations (when enabled) and ensures the admin account. Runs as trusted system work.</summary>
    public static async Task PrepareDatabaseAsync(this WebApplication app, bool forceMigrate = false)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var db = CreateSystemContext(services);
        var options = services.GetRequiredService<IOptions<AppOptions>>().Value;
        if (forceMigrate || options.MigrateOnStartup) await db.Database.MigrateAsync();

        var embedded = db is SqliteAppDbContext;
        var seeder = ActivatorUtilities.CreateInstance<AdminSeeder>(services, db,
            ActivatorUtilities.CreateInstance<ServiceInterface.Credits.CreditLedger>(services, db));
        await seeder.EnsureAdminAsync(embedded, CancellationToken.None);
    }

    /// <summary>A context that sees every tenant, for start-up work that has no caller.</summary>
    private static AppDbContext CreateSystemContext(IServiceProvider services) =>
        services.GetRequiredService<AppDbContext>() switch
        {
            SqliteAppDbContext => ActivatorUtilities.CreateInstance<SqliteAppDbContext>(services, SystemTenantContext.Instance),
            PostgresAppDbContext => ActivatorUtilities.CreateInstance<PostgresAppDbContext>(services, SystemTenantContext.Instance),
            var other => throw new InvalidOperationException($"Unknown context {other.GetType().Name}."),
        };
}
