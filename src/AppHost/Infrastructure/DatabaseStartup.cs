using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;
using Vtis.ServiceInterface.Accounts;
using Vtis.ServiceInterface.Common;
using Vtis.ServiceInterface.Data;

namespace Vtis.AppHost.Infrastructure;

public static class DatabaseStartup
{
    /// <summary>pg_advisory_lock key of the start-up work ("vtis-mig" in ASCII).</summary>
    private const long StartupLockKey = 0x767469732D6D6967;

    /// <summary>Applies migrations (when enabled) and ensures the admin account. Runs as trusted system work, one
    /// replica at a time: replicas that start together on an empty PostgreSQL database would otherwise all apply the
    /// first migrations (EF Core's own migration lock is a lock on its history table, which they race to create) and
    /// all but one crash on "already exists".</summary>
    public static async Task PrepareDatabaseAsync(this WebApplication app, bool forceMigrate = false)
    {
        await using var scope = app.Services.GetRequiredService<IServiceScopeFactory>().CreateSystemScope();
        var services = scope.ServiceProvider;
        var db = services.GetRequiredService<AppDbContext>();
        await using var startupLock = await AcquireStartupLockAsync(db, app.Logger);
        if (forceMigrate || services.GetRequiredService<IOptions<AppOptions>>().Value.MigrateOnStartup)
            await db.Database.MigrateAsync();
        await services.GetRequiredService<AdminSeeder>().EnsureAdminAsync(embedded: db is SqliteAppDbContext, CancellationToken.None);
    }

    /// <summary>On PostgreSQL, a session-level advisory lock on a connection of its own, released when that connection
    /// closes (also when the process dies). SQLite is one process's embedded database: no lock.</summary>
    private static async Task<IAsyncDisposable?> AcquireStartupLockAsync(AppDbContext db, ILogger logger)
    {
        if (db is not PostgresAppDbContext) return null;
        var connection = new NpgsqlConnection(db.Database.GetConnectionString());
        try
        {
            await connection.OpenAsync();
            await using (var tryLock = new NpgsqlCommand($"SELECT pg_try_advisory_lock({StartupLockKey})", connection))
            {
                if (await tryLock.ExecuteScalarAsync() is true) return connection;
            }
            logger.LogInformation("Another replica is preparing the database; waiting for it");
            await using var waitLock = new NpgsqlCommand($"SELECT pg_advisory_lock({StartupLockKey})", connection) { CommandTimeout = 0 };
            await waitLock.ExecuteNonQueryAsync();
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }
}
