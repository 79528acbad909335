using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Stripe;
using Vtis.ServiceInterface.Common;
using Vtis.ServiceInterface.Data;

namespace Vtis.ServiceInterface.Billing;

/// <summary>Puts recorded Stripe events on the queue (Hangfire in production, in-process on the embedded default).</summary>
public interface IBillingQueue
{
    void EnqueueStripeEvent(string eventId);
}

/// <summary>
/// Applies one recorded Stripe event, on the queue: the webhook only verified and stored it. Each handler is
/// idempotent (see <see cref="PurchaseLedger"/>), so a retry, a redelivery or an admin's reprocess never moves
/// credits twice. A refund or dispute of a payment whose purchase is not paid yet waits, and is applied again when
/// that purchase is credited. Event types we do not handle are recorded and acknowledged.
/// </summary>
public sealed class StripeEventProcessor(IServiceScopeFactory scopes, IBillingQueue queue, TimeProvider clock, ILogger<StripeEventProcessor> logger)
{
    public async Task ProcessAsync(string eventId, CancellationToken ct)
    {
        await using var scope = scopes.CreateSystemScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var record = await db.StripeEvents.SingleOrDefaultAsync(e => e.Id == eventId, ct);
        if (record is null || record.ProcessedAt is not null) return;
        record.Attempts++;
        await db.SaveChangesAsync(ct);

        var purchases = scope.ServiceProvider.GetRequiredService<PurchaseLedger>();
        PurchaseOutcome outcome;
        try
        {
            outcome = await ApplyAsync(purchases, EventUtility.ParseEvent(record.Payload, throwOnApiVersionMismatch: false), ct);
        }
        catch (Exception e) when (e is StripeException or Newtonsoft.Json.JsonException)
        {
            // Unreadable as a Stripe event although Stripe signed it: record why; retrying cannot help.
            outcome = new PurchaseOutcome($"failed: {e.Message}");
        }

        record.Outcome = outcome.Outcome.Length > 500 ? outcome.Outcome[..500] : outcome.Outcome;
        record.PurchaseId = outcome.PurchaseId ?? record.PurchaseId;
        record.WaitingForPaymentIntent = outcome.Waiting ? outcome.PaymentIntentId : null;
        record.ProcessedAt = outcome.Waiting ? null : clock.GetUtcNow();
        await db.SaveChangesAsync(CancellationToken.None);
        logger.LogInformation("Stripe event {EventId} ({Type}): {Outcome}", record.Id, record.Type, record.Outcome);

        // A payment now known: refunds and disputes that came before it can be applied.
        if (!outcome.Waiting && outcome.PaymentIntentId is { } payment)
        {
            var waiting = await db.StripeEvents.AsNoTracking()
                .Where(e => e.WaitingForPaymentIntent == payment && e.ProcessedAt == null && e.Id != record.Id)
                .Select(e => e.Id).ToListAsync(CancellationToken.None);
            foreach (var id in waiting) queue.EnqueueStripeEvent(id);
        }
    }

    private static Task<PurchaseOutcome> ApplyAsync(PurchaseLedger purchases, Event stripeEvent, CancellationToken ct) =>
        (stripeEvent.Type, stripeEvent.Data?.Object) switch
        {
            (EventTypes.CheckoutSessionCompleted, Stripe.Checkout.Session s) when s.PaymentStatus is "paid" or "no_payment_required" =>
                purchases.FulfilAsync(Paid(s), ct),
            (EventTypes.CheckoutSessionCompleted, Stripe.Checkout.Session s) => purchases.AwaitPaymentAsync(Paid(s), ct),
            (EventTypes.CheckoutSessionAsyncPaymentSucceeded, Stripe.Checkout.Session s) => purchases.FulfilAsync(Paid(s), ct),
            (EventTypes.CheckoutSessionAsyncPaymentFailed, Stripe.Checkout.Session s) => purchases.FailAsync(Paid(s), ct),
            (EventTypes.CheckoutSessionExpired, Stripe.Checkout.Session s) => purchases.ExpireAsync(Paid(s), ct),
            (EventTypes.ChargeRefunded, Charge { PaymentIntentId: { } payment } c) =>
                purchases.RefundAsync(payment, c.Id, c.AmountCaptured > 0 ? c.AmountCaptured : c.Amount, c.AmountRefunded, ct),
            (EventTypes.ChargeDisputeCreated, Dispute { PaymentIntentId: { } payment } d) => purchases.FreezeAsync(payment, d.Id, d.Status, ct),
            (EventTypes.ChargeDisputeClosed, Dispute { PaymentIntentId: { } payment } d) => purchases.CloseDisputeAsync(payment, d.Id, d.Status, ct),
            (EventTypes.ChargeRefunded or EventTypes.ChargeDisputeCreated or EventTypes.ChargeDisputeClosed, _) =>
                Task.FromResult(new PurchaseOutcome("ignored: no payment intent on the object")),
            var (type, _) => Task.FromResult(new PurchaseOutcome($"ignored: {type} is not handled")),
        };

    private static PaidSession Paid(Stripe.Checkout.Session s)
    {
        string? Meta(string key) => s.Metadata is { } m && m.TryGetValue(key, out var v) ? v : null;
        return new PaidSession(s.Id, Meta(StripeGateway.AccountKey) ?? s.ClientReferenceId, Meta(StripeGateway.PackKey),
            s.PaymentIntentId, s.CustomerId, s.AmountTotal ?? 0, s.Currency ?? "");
    }
}
