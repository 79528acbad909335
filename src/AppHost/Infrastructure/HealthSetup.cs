using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using StackExchange.Redis;
using Vtis.ServiceInterface.Storage;
using Vtis.ServiceInterface.Data;

namespace Vtis.AppHost.Infrastructure;

/// <summary><c>/health</c> answers while the process runs; <c>/health/ready</c> checks the database, Redis (when
/// configured) and storage, in the usual health-check JSON.</summary>
public static class HealthSetup
{
    private const string Ready = "ready";

    public static IServiceCollection AddAppHealthChecks(this IServiceCollection services, IConfiguration configuration)
    {
        var checks = services.AddHealthChecks()
            .AddCheck<DatabaseCheck>("database", tags: [Ready])
            .AddCheck<BlobStoreHealthCheck>("storage", tags: [Ready])
            .AddCheck<EngineModelCheck>("engine", tags: [Ready]);

        if (!string.IsNullOrEmpty(configuration.GetConnectionString("Redis"))) checks.AddCheck<RedisCheck>("redis", tags: [Ready]);

        return services;
    }

    public static IEndpointRouteBuilder MapAppHealthChecks(this IEndpointRouteBuilder app)
    {
        app.MapHealthChecks("/health", new HealthCheckOptions { Predicate = _ => false, ResponseWriter = WriteJson }).AllowAnonymous();
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains(Ready), ResponseWriter = WriteJson }).AllowAnonymous();
        return app;
    }

    private static Task WriteJson(HttpContext http, HealthReport report)
    {
        http.Response.ContentType = "application/json";
        return http.Response.WriteAsync(JsonSerializer.Serialize(new
        {
            status = report.Status.ToString(),
            totalDuration = report.TotalDuration.ToString(),
            entries = report.Entries.ToDictionary(e => e.Key, e => new
            {
                status = e.Value.Status.ToString(),
                duration = e.Value.Duration.ToString(),
                description = e.Value.Description,
            }),
        }));
    }

    /// <summary>The local engine needs its detection model; a missing one would fail every local job.</summary>
    private sealed class EngineModelCheck(Microsoft.Extensions.Options.IOptions<Vtis.Engine.EngineOptions> options) : IHealthCheck
    {
        public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
            Task.FromResult(Vtis.Engine.TextRemovalEngine.MissingModel(options.Value) is { } missing
                ? HealthCheckResult.Unhealthy(missing)
                : HealthCheckResult.Healthy());
    }

    private sealed class DatabaseCheck(IServiceScopeFactory scopes) : IHealthCheck
    {
        public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default)
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            return await db.Database.CanConnectAsync(ct)
                ? HealthCheckResult.Healthy(db.Database.ProviderName)
                : HealthCheckResult.Unhealthy("Cannot connect to the database.");
        }
    }

    private sealed class RedisCheck(IConnectionMultiplexer redis) : IHealthCheck
    {
        public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default)
        {
            try
            {
                var latency = await redis.GetDatabase().PingAsync().WaitAsync(TimeSpan.FromSeconds(5), ct);
                return HealthCheckResult.Healthy($"ping {latency.TotalMilliseconds:0.0} ms");
            }
            catch (Exception e) when (e is RedisException or TimeoutException)
            {
                return HealthCheckResult.Unhealthy("Redis did not answer.");
            }
        }
    }
}
