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
        await using var scope = app.Services.GetRequiredService<IServiceScopeFactory>().CreateSystemScope();
        var services = scope.ServiceProvider;
        var db = services.GetRequiredService<AppDbContext>();
        if (forceMigrate || services.GetRequiredService<IOptions<AppOptions>>().Value.MigrateOnStartup)
            await db.Database.MigrateAsync();
        await services.GetRequiredService<AdminSeeder>().EnsureAdminAsync(embedded: db is SqliteAppDbContext, CancellationToken.None);
    }
}
