using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Vtis.ServiceInterface.Common;
using Vtis.ServiceInterface.Credits;
using Vtis.ServiceInterface.Data;
using Vtis.ServiceInterface.Webhooks;
using Vtis.ServiceModel.Billing;
using Vtis.ServiceModel.Webhooks;

namespace Vtis.ServiceInterface.Billing;

/// <summary>What an event did to a purchase: a line for the inbox, and the purchase and payment it concerned.</summary>
public sealed record PurchaseOutcome(string Outcome, Guid? PurchaseId = null, string? PaymentIntentId = null, bool Waiting = false)
{
    /// <summary>A refund or dispute of a payment no purchase knows yet: kept until that purchase is paid.</summary>
    public static PurchaseOutcome WaitFor(string paymentIntentId) =>
        new($"waiting: no purchase has payment {paymentIntentId} yet", PaymentIntentId: paymentIntentId, Waiting: true);
}

/// <summary>A Checkout Session as the webhook reports it.</summary>
public sealed record PaidSession(
    string SessionId, string? AccountId, string? PackId, string? PaymentIntentId, string? CustomerId, long AmountTotal, string Currency);

/// <summary>
/// The one place purchases move and their credits with them. Every move runs in a transaction under the account's
/// credit lock and writes the purchase and its ledger entries together, so the same event twice, two events for the
/// same session, or two replicas at once cannot credit, take back or freeze anything twice: the second finds the
/// purchase already moved. Ledger references are unique per account and kind as a last guard.
/// </summary>
public sealed class PurchaseLedger(AppDbContext db, CreditLedger ledger, WebhookOutbox outbox, IOptions<BillingOptions> billing, TimeProvider clock)
{
    /// <summary>Credits a paid session once, whichever of <c>checkout.session.completed</c> and
    /// <c>checkout.session.async_payment_succeeded</c> comes first. Reads account and pack from the session's
    /// metadata and the amount from the event: no call back to Stripe.</summary>
    public Task<PurchaseOutcome> FulfilAsync(PaidSession session, CancellationToken ct) =>
        WithPurchaseAsync(session, purchase =>
        {
            if (purchase.PaidAt is not null) return "ignored: already credited";
            var now = clock.GetUtcNow();
            purchase.AmountPaid = session.AmountTotal;
            purchase.Currency = session.Currency;
            purchase.PaymentIntentId ??= session.PaymentIntentId;
            purchase.CustomerId ??= session.CustomerId;
            purchase.PaidAt = now;
            if (purchase.Status is PurchaseStatus.Pending or PurchaseStatus.AwaitingPayment or PurchaseStatus.Failed)
                purchase.Status = PurchaseStatus.Paid;
            ledger.Purchase(purchase.AccountId, purchase.Credits, purchase.CheckoutSessionId, $"Bought {purchase.PackName}");
            _completed = purchase;
            return $"credited {purchase.Credits} credits";
        }, ct);

    /// <summary>Checkout completed with a payment that settles later: nothing to credit yet.</summary>
    public Task<PurchaseOutcome> AwaitPaymentAsync(PaidSession session, CancellationToken ct) =>
        WithPurchaseAsync(session, purchase =>
        {
            if (purchase.Status != PurchaseStatus.Pending) return $"ignored: purchase is {purchase.Status}";
            purchase.Status = PurchaseStatus.AwaitingPayment;
            purchase.PaymentIntentId ??= session.PaymentIntentId;
            return "awaiting the payment to settle";
        }, ct);

    /// <summary>The delayed payment failed: the purchase ends without credits.</summary>
    public Task<PurchaseOutcome> FailAsync(PaidSession session, CancellationToken ct) =>
        WithPurchaseAsync(session, purchase =>
        {
            if (purchase.PaidAt is not null) return "ignored: already paid";
            purchase.Status = PurchaseStatus.Failed;
            return "payment failed; nothing credited";
        }, ct);

    /// <summary>Checkout was never paid and Stripe closed it.</summary>
    public Task<PurchaseOutcome> ExpireAsync(PaidSession session, CancellationToken ct) =>
        WithPurchaseAsync(session, purchase =>
        {
            if (purchase.Status != PurchaseStatus.Pending) return $"ignored: purchase is {purchase.Status}";
            purchase.Status = PurchaseStatus.Expired;
            return "checkout expired unpaid";
        }, ct);

    /// <summary>Takes back the refunded share of the credits. <paramref name="amountRefunded"/> is the charge's total
    /// refunded so far (Stripe reports the running total), so each event only takes what is new.</summary>
    public Task<PurchaseOutcome> RefundAsync(string paymentIntentId, string chargeId, long amount, long amountRefunded, CancellationToken ct) =>
        WithPaymentAsync(paymentIntentId, purchase =>
        {
            var paid = purchase.AmountPaid > 0 ? purchase.AmountPaid : amount;
            var due = amountRefunded >= paid ? purchase.Credits : purchase.Credits * amountRefunded / Math.Max(1, paid);
            purchase.AmountRefunded = Math.Max(purchase.AmountRefunded, amountRefunded);
            var take = due - purchase.CreditsRefunded;
            if (take <= 0) return "ignored: no new refund";
            // Credits a dispute froze are among the ones taken back: their hold goes with them.
            var unfreeze = Math.Min(purchase.CreditsFrozen, Math.Max(0, take - (purchase.Credits - purchase.CreditsRefunded - purchase.CreditsFrozen)));
            ledger.Refund(purchase.AccountId, take, unfreeze, $"refund:{chargeId}:{amountRefunded}",
                $"Refund of {Money(amountRefunded, purchase.Currency)} on {purchase.PackName}");
            purchase.CreditsRefunded = due;
            purchase.CreditsFrozen -= unfreeze;
            if (purchase.Status != PurchaseStatus.Disputed)
                purchase.Status = due >= purchase.Credits ? PurchaseStatus.Refunded : PurchaseStatus.PartiallyRefunded;
            return $"took back {take} credits";
        }, ct);

    /// <summary>A dispute opened: the purchase's remaining credits are held until it closes.</summary>
    public Task<PurchaseOutcome> FreezeAsync(string paymentIntentId, string disputeId, string status, CancellationToken ct) =>
        WithPaymentAsync(paymentIntentId, purchase =>
        {
            purchase.DisputeStatus = status;
            if (purchase.DisputeId == disputeId) return "ignored: dispute already recorded";
            purchase.DisputeId = disputeId;
            var freeze = purchase.Credits - purchase.CreditsRefunded - purchase.CreditsFrozen;
            purchase.Status = PurchaseStatus.Disputed;
            if (freeze <= 0) return "dispute recorded; no credits left to freeze";
            ledger.Freeze(purchase.AccountId, freeze, $"dispute:{disputeId}:freeze", $"Dispute on {purchase.PackName}");
            purchase.CreditsFrozen += freeze;
            return $"froze {freeze} credits";
        }, ct);

    /// <summary>A dispute closed: won frees the hold, lost takes the held credits back.</summary>
    public Task<PurchaseOutcome> CloseDisputeAsync(string paymentIntentId, string disputeId, string status, CancellationToken ct) =>
        WithPaymentAsync(paymentIntentId, purchase =>
        {
            if (purchase.DisputeId is { } known && known != disputeId) return $"ignored: the purchase's dispute is {known}";
            if (purchase.DisputeStatus is "won" or "lost" or "warning_closed") return $"ignored: dispute already closed ({purchase.DisputeStatus})";
            purchase.DisputeId = disputeId;
            purchase.DisputeStatus = status;
            var frozen = purchase.CreditsFrozen;
            purchase.CreditsFrozen = 0;
            if (status == "lost")
            {
                // A close that arrives before its open has frozen nothing: take back what is left directly.
                var take = purchase.Credits - purchase.CreditsRefunded;
                purchase.Status = PurchaseStatus.DisputeLost;
                if (take <= 0) return "dispute lost; nothing left to take back";
                ledger.Refund(purchase.AccountId, take, frozen, $"dispute:{disputeId}:lost", $"Lost dispute on {purchase.PackName}");
                purchase.CreditsRefunded += take;
                return $"dispute lost: took back {take} credits";
            }

            purchase.Status = purchase.CreditsRefunded == 0 ? PurchaseStatus.Paid
                : purchase.CreditsRefunded >= purchase.Credits ? PurchaseStatus.Refunded : PurchaseStatus.PartiallyRefunded;
            if (frozen == 0) return $"dispute closed ({status}); nothing was frozen";
            ledger.Unfreeze(purchase.AccountId, frozen, $"dispute:{disputeId}:{status}", $"Dispute closed ({status}) on {purchase.PackName}");
            return $"dispute closed ({status}): freed {frozen} credits";
        }, ct);

    /// <summary>Runs <paramref name="move"/> on the session's purchase under its account's credit lock; a session
    /// started outside this app (no purchase row yet) gets one from its metadata.</summary>
    private async Task<PurchaseOutcome> WithPurchaseAsync(PaidSession session, Func<Purchase, string> move, CancellationToken ct)
    {
        var accountId = await AccountOfAsync(session, ct);
        if (accountId is null) return new PurchaseOutcome($"failed: session {session.SessionId} names no account of ours");
        return await InTransactionAsync(accountId.Value, async () =>
        {
            var purchase = await db.Purchases.SingleOrDefaultAsync(p => p.CheckoutSessionId == session.SessionId, ct);
            if (purchase is null)
            {
                var pack = billing.Value.EffectivePacks.FirstOrDefault(p => p.Id == session.PackId);
                if (pack is null) return new PurchaseOutcome($"failed: session {session.SessionId} names no pack of ours ('{session.PackId}')");
                purchase = NewPurchase(accountId.Value, pack, session.SessionId, session.CustomerId);
                db.Purchases.Add(purchase);
            }
            if (purchase.AccountId != accountId) return new PurchaseOutcome($"failed: session {session.SessionId} belongs to another account");
            var outcome = move(purchase);
            purchase.UpdatedAt = clock.GetUtcNow();
            return new PurchaseOutcome(outcome, purchase.Id, purchase.PaymentIntentId);
        }, ct);
    }

    /// <summary>Runs <paramref name="move"/> on the purchase paid by <paramref name="paymentIntentId"/>, or reports that
    /// the event must wait for it (refund or dispute delivered before the purchase's completion).</summary>
    private async Task<PurchaseOutcome> WithPaymentAsync(string paymentIntentId, Func<Purchase, string> move, CancellationToken ct)
    {
        var accountId = await db.Purchases.Where(p => p.PaymentIntentId == paymentIntentId).Select(p => (Guid?)p.AccountId).FirstOrDefaultAsync(ct);
        if (accountId is null) return PurchaseOutcome.WaitFor(paymentIntentId);
        return await InTransactionAsync(accountId.Value, async () =>
        {
            var purchase = await db.Purchases.SingleAsync(p => p.PaymentIntentId == paymentIntentId, ct);
            var outcome = move(purchase);
            purchase.UpdatedAt = clock.GetUtcNow();
            return new PurchaseOutcome(outcome, purchase.Id, paymentIntentId);
        }, ct);
    }

    /// <summary>Runs a move under the account's lock; its webhook events (purchase.completed, credits.low) go in the
    /// same transaction and to the queue after the commit.</summary>
    private async Task<PurchaseOutcome> InTransactionAsync(Guid accountId, Func<Task<PurchaseOutcome>> work, CancellationToken ct)
    {
        _completed = null;
        var deliveries = new List<WebhookDelivery>();
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await ledger.LockAccountAsync(accountId, ct);
        var outcome = await work();
        if (_completed is { } paid)
            deliveries.AddRange(await outbox.StageAsync(accountId, WebhookEventTypes.PurchaseCompleted, BillingService.View(paid), ct));
        deliveries.AddRange(await outbox.StageCreditsLowAsync(accountId, ledger, ct));
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        if (_completed is { } sold) AppMetrics.Sold(sold.Credits);
        outbox.Dispatch(deliveries);
        return outcome;
    }

    private Purchase? _completed; // the purchase the current move credited

    private async Task<Guid?> AccountOfAsync(PaidSession session, CancellationToken ct)
    {
        var known = await db.Purchases.Where(p => p.CheckoutSessionId == session.SessionId).Select(p => (Guid?)p.AccountId).FirstOrDefaultAsync(ct);
        if (known is not null) return known;
        if (!Guid.TryParse(session.AccountId, out var id)) return null;
        return await db.Accounts.AnyAsync(a => a.Id == id, ct) ? id : null;
    }

    public Purchase NewPurchase(Guid accountId, CreditPackOptions pack, string sessionId, string? customerId, Guid? id = null, Guid? userId = null)
    {
        var now = clock.GetUtcNow();
        return new Purchase
        {
            Id = id ?? Guid.CreateVersion7(),
            AccountId = accountId,
            UserId = userId,
            PackId = pack.Id,
            PackName = pack.Name,
            Credits = pack.Credits,
            ListAmount = pack.UnitAmount,
            Currency = pack.Currency,
            CheckoutSessionId = sessionId,
            CustomerId = customerId,
            Status = PurchaseStatus.Pending,
            CreatedAt = now,
            UpdatedAt = now,
        };
    }

    private static string Money(long minor, string currency) =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{minor / 100m:0.00} {currency.ToUpperInvariant()}");
}
