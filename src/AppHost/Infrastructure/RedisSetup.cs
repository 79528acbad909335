using StackExchange.Redis;

namespace Vtis.AppHost.Infrastructure;

/// <summary>One shared Redis connection (queue storage, health) when <c>ConnectionStrings:Redis</c> is set.</summary>
public static class RedisSetup
{
    public static IServiceCollection AddAppRedis(this IServiceCollection services, IConfiguration configuration)
    {
        if (configuration.GetConnectionString("Redis") is not { Length: > 0 } redis) return services;
        // Hangfire's Redis storage makes synchronous calls on request threads (every enqueue). On few cores the thread
        // pool adds about one thread a second, so a burst of such calls (callbacks arriving together) starves it
        // until the Redis timeouts trip and requests fail (bench/Bench, callback phase). Start with room for a burst.
        ThreadPool.GetMinThreads(out var workers, out var io);
        var floor = configuration.GetValue("App:MinThreads", 128);
        ThreadPool.SetMinThreads(Math.Max(workers, floor), Math.Max(io, floor));
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
