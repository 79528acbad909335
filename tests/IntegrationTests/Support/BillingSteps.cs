using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Vtis.ServiceInterface.Billing;
using Vtis.ServiceInterface.Data;
using Vtis.ServiceModel.Auth;
using Vtis.ServiceModel.Billing;
using Vtis.TestSupport.Stripe;

namespace Vtis.IntegrationTests.Support;

/// <summary>A buyer with a started checkout: the session as the Stripe fake holds it and the money it stands for.</summary>
public sealed record Checkout(Session Buyer, Guid AccountId, CheckoutStarted Started, JsonObject Session, string PaymentIntentId)
{
    public long Amount => Session["amount_total"]!.GetValue<long>();
}

/// <summary>Steps the billing tests share: buy, deliver signed events as Stripe would, wait for the queue, read the ledger.</summary>
public static class BillingSteps
{
    public static Uri Webhook(this TestApp app) => new(app.BaseAddress, StripeWebhookEndpoint.Path);

    public static async Task<Checkout> StartCheckoutAsync(this TestApp app, string packId = "starter", Session? buyer = null)
    {
        buyer ??= await app.RegisterAsync();
        var me = await buyer.Client.SendAsync(new GetMe());
        var started = await buyer.Client.SendAsync(new CreateCheckout { PackId = packId });
        var stripe = await Apps.StripeAsync();
        return new Checkout(buyer, me.Account.Id, started, stripe.Session(started.SessionId), StripeWebhooks.NewId("pi"));
    }

    /// <summary>Signs and posts an event as Stripe does; the response is returned unread.</summary>
    public static async Task<HttpResponseMessage> DeliverAsync(this TestApp app, JsonObject stripeEvent,
        string secret = TestApp.StripeWebhookSecret, DateTimeOffset? signedAt = null)
    {
        var payload = stripeEvent.ToJsonString();
        using var http = app.NewHttpClient();
        return await StripeWebhooks.DeliverAsync(http, app.Webhook(), payload, StripeWebhooks.Signature(payload, secret, signedAt ?? DateTimeOffset.UtcNow));
    }

    /// <summary>Delivers and expects Stripe's contract: a 2xx answer.</summary>
    public static async Task<JsonObject> DeliverOkAsync(this TestApp app, JsonObject stripeEvent)
    {
        using var response = await app.DeliverAsync(stripeEvent);
        var body = await response.Content.ReadAsStringAsync();
        Assert.That((int)response.StatusCode, Is.EqualTo(200), body);
        return JsonNode.Parse(body)!.AsObject();
    }

    /// <summary>Waits until the queue has processed the event (or parked it waiting for its purchase).</summary>
    public static async Task<StripeEvent> WaitProcessedAsync(this TestApp app, JsonObject stripeEvent, bool waiting = false, int seconds = 30)
    {
        var id = stripeEvent["id"]!.GetValue<string>();
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        StripeEvent? record;
        do
        {
            record = await app.WithDatabaseAsync(db => db.StripeEvents.AsNoTracking().SingleOrDefaultAsync(e => e.Id == id));
            if (record is not null && (waiting ? record.WaitingForPaymentIntent is not null : record.ProcessedAt is not null)) return record;
            await Task.Delay(100);
        }
        while (DateTime.UtcNow < deadline);
        Assert.Fail($"Event {id} was not {(waiting ? "parked" : "processed")} in {seconds} s: {record?.Outcome ?? "not stored"}.");
        return record!;
    }

    public static async Task<StripeEvent> DeliverAndProcessAsync(this TestApp app, JsonObject stripeEvent, bool waiting = false)
    {
        await app.DeliverOkAsync(stripeEvent);
        return await app.WaitProcessedAsync(stripeEvent, waiting);
    }

    public static JsonObject CompletedEvent(this Checkout checkout, bool paid = true, string? id = null) =>
        StripeWebhooks.Event("checkout.session.completed", StripeWebhooks.Completed(checkout.Session.DeepClone().AsObject(), checkout.PaymentIntentId, paid), id);

    public static JsonObject SessionEvent(this Checkout checkout, string type) =>
        StripeWebhooks.Event(type, StripeWebhooks.Completed(checkout.Session.DeepClone().AsObject(), checkout.PaymentIntentId, paid: type != "checkout.session.async_payment_failed"));

    public static JsonObject RefundEvent(this Checkout checkout, long amountRefunded, string chargeId) =>
        StripeWebhooks.Event("charge.refunded", StripeWebhooks.Charge(chargeId, checkout.PaymentIntentId, checkout.Amount, amountRefunded));

    public static JsonObject DisputeEvent(this Checkout checkout, string type, string disputeId, string chargeId, string status) =>
        StripeWebhooks.Event(type, StripeWebhooks.Dispute(disputeId, chargeId, checkout.PaymentIntentId, checkout.Amount, status));

    /// <summary>The purchase-related ledger of an account: what Stripe's money put in, took out and froze.</summary>
    public static async Task<List<CreditLedgerEntry>> MoneyLedgerAsync(this TestApp app, Guid accountId) =>
        await app.WithDatabaseAsync(db => db.CreditLedger.AsNoTracking()
            .Where(e => e.AccountId == accountId && (e.Kind == CreditEntryKind.Purchase || e.Kind == CreditEntryKind.Refund
                || e.Kind == CreditEntryKind.Freeze || e.Kind == CreditEntryKind.Unfreeze))
            .OrderBy(e => e.Id).ToListAsync());

    public static Task<Purchase> PurchaseAsync(this TestApp app, Guid purchaseId) =>
        app.WithDatabaseAsync(db => db.Purchases.IgnoreQueryFilters().AsNoTracking().SingleAsync(p => p.Id == purchaseId));

    public static Task<int> StripeEventCountAsync(this TestApp app, string id) =>
        app.WithDatabaseAsync(db => db.StripeEvents.CountAsync(e => e.Id == id));
}
