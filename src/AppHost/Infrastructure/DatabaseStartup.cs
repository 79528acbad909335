using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;
using Vtis.ServiceInterface.Accounts;
using Vtis.ServiceInterface.Common;
using Vtis.ServiceInterface.Data;

namespace Vtis.AppHost.Infrastructure;

public static class DatabaseStartup
{
    /// <summary>Applies migrations (when enabled) and ensures the admin account. Runs as trusted system work, one
    /// replica at a time: replicas that start together on an empty PostgreSQL database would otherwise all apply the
    /// first migrations (EF Core's own migration lock is a lock on its history table, which they race to create) and
    /// all but one crash on "already exists".</summary>
    public static async Task PrepareDatabaseAsync(this WebApplication app, bool forceMigrate = false)
    {
        await using var scope = app.Services.GetRequiredService<IServiceScopeFactory>().CreateSystemScope();
        var services = scope.ServiceProvider;
        var db = services.GetRequiredService<AppDbContext>();
        await using var startupLock = db is PostgresAppDbContext
            ? await StartupLock.AcquireAsync(db.Database.GetConnectionString()!, app.Logger)
            : null;
        if (forceMigrate || services.GetRequiredService<IOptions<AppOptions>>().Value.MigrateOnStartup)
            await db.Database.MigrateAsync();
        await services.GetRequiredService<AdminSeeder>().EnsureAdminAsync(embedded: db is SqliteAppDbContext, CancellationToken.None);
    }

    /// <summary>A PostgreSQL session advisory lock on a connection of its own, outside the pool: released when disposed,
    /// and by the server when the connection drops (a replica that dies while it holds the lock). SQLite is one
    /// process's embedded database and needs none.</summary>
    private sealed class StartupLock : IAsyncDisposable
    {
        /// <summary>The lock's key ("vtis-mig" in ASCII).</summary>
        private const long Key = 0x767469732D6D6967;

        private readonly NpgsqlConnection _connection;

        private StartupLock(NpgsqlConnection connection) => _connection = connection;

        public static async Task<StartupLock> AcquireAsync(string connectionString, ILogger logger)
        {
            // Not pooled: closing a pooled connection keeps its session (and the lock) until the pool reuses it.
            var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString);
            try
            {
                await connection.OpenAsync();
                if (await ScalarAsync(connection, $"SELECT pg_try_advisory_lock({Key})") is not true)
                {
                    logger.LogInformation("Another replica is preparing the database; waiting for it");
                    // As long as that replica migrates: a large index can take minutes, and a dead holder's lock goes with its connection.
                    await using var wait = new NpgsqlCommand($"SELECT pg_advisory_lock({Key})", connection) { CommandTimeout = 0 };
                    await wait.ExecuteNonQueryAsync();
                }
                return new StartupLock(connection);
            }
            catch
            {
                await connection.DisposeAsync();
                throw;
            }
        }

        public async ValueTask DisposeAsync()
        {
            try
            {
                await ScalarAsync(_connection, $"SELECT pg_advisory_unlock({Key})");
            }
            finally
            {
                await _connection.DisposeAsync();
            }
        }

        private static async Task<object?> ScalarAsync(NpgsqlConnection connection, string sql)
        {
            await using var command = new NpgsqlCommand(sql, connection);
            return await command.ExecuteScalarAsync();
        }
    }
}
