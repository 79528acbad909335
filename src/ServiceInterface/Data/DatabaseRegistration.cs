using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Vtis.ServiceInterface.Data;

public enum DatabaseProvider
{
    Sqlite,
    Postgres,
}

public static class DatabaseRegistration
{
    /// <summary>The provider a connection string is for: <c>Data Source=…</c> is SQLite, <c>Host=…</c> PostgreSQL.</summary>
    public static DatabaseProvider ProviderOf(string connectionString)
    {
        var s = connectionString.TrimStart();
        if (s.StartsWith("Data Source=", StringComparison.OrdinalIgnoreCase) ||
            s.StartsWith("DataSource=", StringComparison.OrdinalIgnoreCase) ||
            s.StartsWith("Filename=", StringComparison.OrdinalIgnoreCase))
            return DatabaseProvider.Sqlite;
        if (s.StartsWith("Host=", StringComparison.OrdinalIgnoreCase) ||
            s.StartsWith("Server=", StringComparison.OrdinalIgnoreCase))
            return DatabaseProvider.Postgres;
        throw new InvalidOperationException(
            "ConnectionStrings:Default must start with 'Data Source=' (SQLite) or 'Host=' (PostgreSQL).");
    }

    /// <summary>Registers <see cref="AppDbContext"/> on the provider the connection string names.</summary>
    public static IServiceCollection AddAppDatabase(this IServiceCollection services, string connectionString)
    {
        switch (ProviderOf(connectionString))
        {
            case DatabaseProvider.Sqlite:
                services.AddDbContext<AppDbContext, SqliteAppDbContext>(o => o.UseSqlite(connectionString));
                break;
            case DatabaseProvider.Postgres:
                services.AddDbContext<AppDbContext, PostgresAppDbContext>(o => o.UseNpgsql(connectionString));
                break;
        }

        // One key ring for the fleet, in the database every replica shares (what one seals, any other opens).
        services.AddDataProtection().SetApplicationName("vtis").PersistKeysToDbContext<AppDbContext>();
        return services;
    }
}
