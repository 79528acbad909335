using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Vtis.ServiceInterface.Credits;
using Vtis.ServiceInterface.Data;
using Vtis.ServiceInterface.Jobs;

namespace Vtis.ServiceInterface.Webhooks;

/// <summary>Puts webhook deliveries on the queue (Hangfire in production, in-process on the embedded default).</summary>
public interface IWebhookQueue
{
    void EnqueueDelivery(Guid deliveryId);

    void ScheduleDelivery(Guid deliveryId, TimeSpan delay);
}

/// <summary>
/// The outbox: an event and one delivery per subscribed endpoint are added to the caller's unit of work, so they
/// commit (or roll back) with the change that caused them. After the commit the caller hands the deliveries to
/// <see cref="Dispatch"/>; one that never reaches the queue (a crash in between) is found by the sweep.
/// </summary>
public sealed class WebhookOutbox(AppDbContext db, IWebhookQueue queue, IOptions<WebhookOptions> options, TimeProvider clock)
{
    /// <summary>Adds <c>credits.low</c> when the ledger entries pending in this unit of work take the account's
    /// available credits from at or above the threshold to below it (so it fires once per crossing).</summary>
    public async Task<IReadOnlyList<WebhookDelivery>> StageCreditsLowAsync(Guid accountId, CreditLedger ledger, CancellationToken ct)
    {
        var pending = db.ChangeTracker.Entries<CreditLedgerEntry>()
            .Where(e => e.State == EntityState.Added && e.Entity.AccountId == accountId).Select(e => e.Entity).ToList();
        if (pending.Count == 0) return [];
        var before = await ledger.GetBalanceAsync(accountId, ct);
        var balance = before.Balance + pending.Sum(e => e.Amount);
        var reserved = before.Reserved + pending.Sum(e => e.Hold);
        var threshold = options.Value.CreditsLowThreshold;
        if (before.Available < threshold || balance - reserved >= threshold) return [];
        return await StageAsync(accountId, ServiceModel.Webhooks.WebhookEventTypes.CreditsLow,
            new { accountId, balance, reserved, available = balance - reserved, threshold }, ct);
    }

    /// <summary>Adds <paramref name="type"/> with <paramref name="data"/> (shown as the API shows it) for the account's
    /// enabled endpoints that subscribe to it; nothing when none does.</summary>
    public async Task<IReadOnlyList<WebhookDelivery>> StageAsync(Guid accountId, string type, object data, CancellationToken ct)
    {
        var endpoints = await db.WebhookEndpoints.AsNoTracking().Where(e => e.AccountId == accountId && e.Enabled).ToListAsync(ct);
        var subscribed = endpoints.Where(e => e.Types.Contains(type)).ToList();
        return subscribed.Count == 0 ? [] : Stage(accountId, type, data, subscribed);
    }

    /// <summary>Adds an event for exactly these endpoints (the test operation).</summary>
    public IReadOnlyList<WebhookDelivery> Stage(Guid accountId, string type, object data, IReadOnlyList<WebhookEndpoint> endpoints)
    {
        var now = clock.GetUtcNow();
        var message = new WebhookMessage
        {
            Id = $"msg_{Guid.CreateVersion7():N}",
            AccountId = accountId,
            EventType = type,
            Payload = JsonSerializer.Serialize(new { type, timestamp = now, data }, JobViews.ConfigJson),
            CreatedAt = now,
        };
        db.WebhookMessages.Add(message);
        var deliveries = endpoints.Select(e => new WebhookDelivery
        {
            AccountId = accountId,
            EndpointId = e.Id,
            MessageId = message.Id,
            Status = ServiceModel.Webhooks.WebhookDeliveryStatus.Pending,
            NextAttemptAt = now,
            CreatedAt = now,
            UpdatedAt = now,
        }).ToList();
        db.WebhookDeliveries.AddRange(deliveries);
        return deliveries;
    }

    /// <summary>Queues committed deliveries for their first attempt.</summary>
    public void Dispatch(IEnumerable<WebhookDelivery> deliveries)
    {
        foreach (var delivery in deliveries) queue.EnqueueDelivery(delivery.Id);
    }
}
