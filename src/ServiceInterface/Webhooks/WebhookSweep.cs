using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Vtis.ServiceInterface.Data;
using Vtis.ServiceModel.Webhooks;

namespace Vtis.ServiceInterface.Webhooks;

/// <summary>Queues again the deliveries whose attempt is overdue: never queued (a crash after the commit), a
/// scheduled retry the queue lost, or an attempt whose worker died (its lease ran out). Part of the reconciler's
/// sweep; an extra message is harmless because attempts are claimed.</summary>
public sealed class WebhookSweep(AppDbContext db, IWebhookQueue queue, TimeProvider clock, ILogger<WebhookSweep> logger)
{
    public static readonly TimeSpan Grace = TimeSpan.FromSeconds(30);

    public async Task<int> SweepAsync(CancellationToken ct)
    {
        var before = clock.GetUtcNow() - Grace;
        var due = await db.WebhookDeliveries.Where(d => d.Status == WebhookDeliveryStatus.Pending && d.NextAttemptAt < before)
            .OrderBy(d => d.NextAttemptAt).Select(d => d.Id).Take(500).ToListAsync(ct);
        foreach (var id in due) queue.EnqueueDelivery(id);
        if (due.Count > 0) logger.LogInformation("Queued {Count} overdue webhook deliveries again", due.Count);
        return due.Count;
    }
}
