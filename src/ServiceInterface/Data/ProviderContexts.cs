using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using Vtis.ServiceInterface.Common;

namespace Vtis.ServiceInterface.Data;

/// <summary>The embedded default. Migrations in Data/Migrations/Sqlite.</summary>
public sealed class SqliteAppDbContext(DbContextOptions<SqliteAppDbContext> options, ITenantContext tenant)
    : AppDbContext(options, tenant)
{
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // SQLite has no timestamp type and cannot order or compare DateTimeOffset text; store UTC ticks instead.
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<DateTimeOffsetToBinaryConverter>();
    }
}

/// <summary>Production. Migrations in Data/Migrations/Postgres.</summary>
public sealed class PostgresAppDbContext(DbContextOptions<PostgresAppDbContext> options, ITenantContext tenant)
    : AppDbContext(options, tenant)
{
    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        modelBuilder.Entity<Job>().Property(j => j.ProcessingConfig).HasColumnType("jsonb");
        // Trigram indexes for the jobs search's ILIKE '%term%' (JobSearch); pg_trgm is a trusted extension, so the
        // database owner may create it.
        modelBuilder.HasPostgresExtension("pg_trgm");
        modelBuilder.Entity<Job>(e =>
        {
            e.HasIndex(j => j.DisplayName, "IX_Jobs_DisplayName_Trigram").HasMethod("gin").HasOperators("gin_trgm_ops");
            e.HasIndex(j => j.OriginalFilename, "IX_Jobs_OriginalFilename_Trigram").HasMethod("gin").HasOperators("gin_trgm_ops");
        });
    }
}

/// <summary>Lets <c>dotnet ef migrations add … --context SqliteAppDbContext</c> build the context.</summary>
public sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteAppDbContext>
{
    public SqliteAppDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteAppDbContext>().UseSqlite("Data Source=design.db").Options,
            SystemTenantContext.Instance);
}

/// <summary>Lets <c>dotnet ef migrations add … --context PostgresAppDbContext</c> build the context.</summary>
public sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresAppDbContext>
{
    public PostgresAppDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresAppDbContext>().UseNpgsql("Host=localhost;Database=design").Options,
            SystemTenantContext.Instance);
}
