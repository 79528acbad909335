using Hangfire;
using Hangfire.Storage;
using Microsoft.Extensions.Options;
using Vtis.ServiceInterface.Common;
using Vtis.ServiceInterface.Jobs;

namespace Vtis.AppHost.Queue;

/// <summary>Runs the <see cref="JobReconciler"/> (and the sweeps of the Stripe inbox and of webhook deliveries) every interval on one worker of the fleet at a time (a distributed
/// lock in the queue's storage), so recurring work runs once per schedule, not once per replica.</summary>
public sealed class JobSweeper(IServiceScopeFactory scopes, JobStorage storage, IOptions<JobOptions> options, ILogger<JobSweeper> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(options.Value.SweepIntervalSeconds));
        do
        {
            try
            {
                await SweepOnceAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogWarning(e, "Job sweep failed; retrying next interval");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    private async Task SweepOnceAsync(CancellationToken ct)
    {
        using var connection = storage.GetConnection();
        IDisposable handle;
        try
        {
            handle = connection.AcquireDistributedLock("vtis:job-sweep", TimeSpan.FromMilliseconds(100));
        }
        catch (DistributedLockTimeoutException)
        {
            return; // another worker is sweeping
        }

        using (handle)
        {
            await using var scope = scopes.CreateSystemScope();
            await scope.ServiceProvider.GetRequiredService<JobReconciler>().SweepAsync(ct);
            await scope.ServiceProvider.GetRequiredService<Vtis.ServiceInterface.Billing.StripeInboxSweep>().SweepAsync(ct);
            await scope.ServiceProvider.GetRequiredService<Vtis.ServiceInterface.Webhooks.WebhookSweep>().SweepAsync(ct);
        }
    }
}
