using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Vtis.ServiceInterface.Data;

namespace Vtis.ServiceInterface.Billing;

/// <summary>Queues again the Stripe events that were recorded but never attempted (the process stopped between
/// storing and queueing, or the queue refused the message). Part of the reconciler's sweep, once per interval across
/// the fleet; queueing an event twice is harmless.</summary>
public sealed class StripeInboxSweep(AppDbContext db, IBillingQueue queue, TimeProvider clock, ILogger<StripeInboxSweep> logger)
{
    /// <summary>How long a recorded event may wait for its first attempt before it counts as lost.</summary>
    public static readonly TimeSpan Grace = TimeSpan.FromSeconds(30);

    public async Task<int> SweepAsync(CancellationToken ct)
    {
        var before = clock.GetUtcNow() - Grace;
        var lost = await db.StripeEvents.Where(e => e.ProcessedAt == null && e.Attempts == 0 && e.WaitingForPaymentIntent == null && e.ReceivedAt < before)
            .OrderBy(e => e.ReceivedAt).Select(e => e.Id).Take(200).ToListAsync(ct);
        foreach (var id in lost) queue.EnqueueStripeEvent(id);
        if (lost.Count > 0) logger.LogInformation("Queued {Count} Stripe event(s) again that were never attempted", lost.Count);
        return lost.Count;
    }
}
