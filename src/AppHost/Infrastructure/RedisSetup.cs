using StackExchange.Redis;

namespace Vtis.AppHost.Infrastructure;

/// <summary>One shared Redis connection (queue storage, health) when <c>ConnectionStrings:Redis</c> is set.</summary>
public static class RedisSetup
{
    public static IServiceCollection AddAppRedis(this IServiceCollection services, IConfiguration configuration)
    {
        if (configuration.GetConnectionString("Redis") is not { Length: > 0 } redis) return services;
        services.AddSingleton<IConnectionMultiplexer>(_ =>
        {
            var options = ConfigurationOptions.Parse(redis);
            options.AbortOnConnectFail = false;
            // The queue library uses synchronous calls; on a busy 2-core box the 5 s default trips under load.
            options.SyncTimeout = Math.Max(options.SyncTimeout, 15_000);
            options.AsyncTimeout = Math.Max(options.AsyncTimeout, 15_000);
            return ConnectionMultiplexer.Connect(options);
        });
        return services;
    }
}
