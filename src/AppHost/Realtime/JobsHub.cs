using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;
using Vtis.ServiceInterface.Common;
using Vtis.ServiceInterface.Data;
using Vtis.ServiceInterface.Jobs;
using Vtis.ServiceModel.Jobs;

namespace Vtis.AppHost.Realtime;

/// <summary>
/// <c>/hubs/jobs</c>: each connection joins its account's group and receives <c>jobChanged</c> with the job as the
/// API shows it, for its own account's jobs only. With Redis configured the messages cross replicas (backplane).
/// </summary>
[Authorize]
public sealed class JobsHub(ICurrentUser caller) : Hub
{
    public const string Path = "/hubs/jobs";
    public const string JobChanged = "jobChanged";

    public static string GroupOf(Guid accountId) => $"account:{accountId:N}";

    public override async Task OnConnectedAsync()
    {
        await Groups.AddToGroupAsync(Context.ConnectionId, GroupOf(caller.AccountId));
        await base.OnConnectedAsync();
    }
}

public sealed class SignalRJobNotifier(IHubContext<JobsHub> hub, ILogger<SignalRJobNotifier> logger) : IJobNotifier
{
    public async Task JobChangedAsync(Job job, CancellationToken ct)
    {
        try
        {
            await hub.Clients.Group(JobsHub.GroupOf(job.AccountId)).SendAsync(JobsHub.JobChanged, JobViews.Describe(job), ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Live updates are best effort: the job row already changed, and clients re-read it on reconnect.
            logger.LogWarning(e, "Could not publish the change of job {JobId}", job.Id);
        }
    }
}

public static class RealtimeSetup
{
    public static IServiceCollection AddAppRealtime(this IServiceCollection services, IConfiguration configuration)
    {
        var signalR = services.AddSignalR().AddJsonProtocol(o =>
            o.PayloadSerializerOptions.Converters.Add(new System.Text.Json.Serialization.JsonStringEnumConverter()));
        if (configuration.GetConnectionString("Redis") is { Length: > 0 } redis)
            signalR.AddStackExchangeRedis(redis, o => o.Configuration.ChannelPrefix = StackExchange.Redis.RedisChannel.Literal(
                configuration["Queue:Prefix"] ?? "vtis:"));
        services.AddSingleton<IJobNotifier, SignalRJobNotifier>();
        return services;
    }

    public static IEndpointRouteBuilder MapAppRealtime(this IEndpointRouteBuilder app)
    {
        app.MapHub<JobsHub>(JobsHub.Path);
        return app;
    }
}
