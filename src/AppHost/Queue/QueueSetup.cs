using Hangfire;
using Hangfire.Redis.StackExchange;
using Microsoft.Extensions.Options;
using StackExchange.Redis;
using Vtis.AppHost.Infrastructure;
using Vtis.ServiceInterface.Jobs;

namespace Vtis.AppHost.Queue;

/// <summary>Settings under <c>Queue</c>.</summary>
public sealed class QueueOptions
{
    public const string Section = "Queue";

    /// <summary>Key prefix in Redis; replicas of one deployment share it, separate deployments must not.</summary>
    public string Prefix { get; set; } = "vtis:hangfire:";

    /// <summary>Seconds between retries of a failed attempt (the last value repeats); default 15, 60, 300, 900.
    /// Empty here because configuration binding appends to an array's initial items instead of replacing them.</summary>
    public int[] RetryDelaysSeconds { get; set; } = [];

    public int[] EffectiveRetryDelays => RetryDelaysSeconds.Length > 0 ? RetryDelaysSeconds : [15, 60, 300, 900];
}

/// <summary>
/// The queue is Hangfire: on Redis when <c>ConnectionStrings:Redis</c> is set (production; at-least-once delivery,
/// survives restarts, shared by replicas), else in process memory (embedded default). Only processes with the
/// worker role run the Hangfire server and the sweep.
/// </summary>
public static class QueueSetup
{
    public static IServiceCollection AddAppQueue(this IServiceCollection services, IConfiguration configuration, AppOptions app)
    {
        var redis = configuration.GetConnectionString("Redis");
        services.AddOptions<QueueOptions>().BindConfiguration(QueueOptions.Section);
        services.AddHangfire((sp, config) =>
        {
            var queue = sp.GetRequiredService<IOptions<QueueOptions>>().Value;
            var jobs = sp.GetRequiredService<IOptions<Vtis.ServiceInterface.Jobs.JobOptions>>().Value;
            config.SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
                .UseSimpleAssemblyNameTypeSerializer()
                .UseRecommendedSerializerSettings();
            if (string.IsNullOrEmpty(redis)) config.UseInMemoryStorage();
            else config.UseRedisStorage(sp.GetRequiredService<IConnectionMultiplexer>(), new RedisStorageOptions { Prefix = queue.Prefix });
            // Our own attempt count (on the job row) decides when a job fails; Hangfire only spaces the retries.
            // Hangfire registers a default retry filter (10 attempts, minutes apart) globally; ours replaces it.
            GlobalJobFilters.Filters.Remove<AutomaticRetryAttribute>();
            GlobalJobFilters.Filters.Remove<QueueTracing>(); // global: once per process, however many apps it hosts
            config.UseFilter(new QueueTracing());
            config.UseFilter(new AutomaticRetryAttribute
            {
                Attempts = jobs.MaxAttempts,
                DelaysInSeconds = queue.EffectiveRetryDelays,
                OnAttemptsExceeded = AttemptsExceededAction.Fail,
            });
        });
        services.AddSingleton<HangfireJobQueue>();
        services.AddSingleton<IJobQueue>(sp => sp.GetRequiredService<HangfireJobQueue>());
        services.AddSingleton<Vtis.ServiceInterface.Billing.IBillingQueue>(sp => sp.GetRequiredService<HangfireJobQueue>());
        services.AddSingleton<Vtis.ServiceInterface.Webhooks.IWebhookQueue>(sp => sp.GetRequiredService<HangfireJobQueue>());
        services.AddSingleton<HangfireQueueMonitor>();
        services.AddSingleton<Vtis.ServiceInterface.Admin.IQueueMonitor>(sp => sp.GetRequiredService<HangfireQueueMonitor>());
        services.AddHostedService<QueueGauges>();

        if (app.RunsWorker)
        {
            // Two servers per worker process: the engine's CPU-bound jobs, one per core, and the I/O-bound rest.
            AddServer(HangfireJobQueue.EngineQueue, jobs => jobs.WorkerConcurrency);
            AddServer(HangfireJobQueue.DefaultQueue, jobs => jobs.IoWorkerCount);
            services.AddHostedService<JobSweeper>();
        }

        return services;

        void AddServer(string queue, Func<Vtis.ServiceInterface.Jobs.JobOptions, int> workers) =>
            services.AddHangfireServer((sp, server) =>
            {
                server.Queues = [queue];
                server.WorkerCount = workers(sp.GetRequiredService<IOptions<Vtis.ServiceInterface.Jobs.JobOptions>>().Value);
                server.ServerName = $"{Environment.MachineName}:{Environment.ProcessId}:{queue}";
                // Within the host's grace period (App:ShutdownGraceSeconds): jobs still running then are handed back to the queue.
                server.ShutdownTimeout = TimeSpan.FromSeconds(Math.Max(1, configuration.GetValue("App:ShutdownGraceSeconds", 30) - 2));
                // Scheduled work (webhook retries 5 s after a failure) is due to the second, not to Hangfire's 15 s poll.
                server.SchedulePollingInterval = TimeSpan.FromSeconds(1);
            });
    }
}
