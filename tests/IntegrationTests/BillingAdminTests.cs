using System.Net;
using Vtis.Client;
using Vtis.IntegrationTests.Support;
using Vtis.ServiceModel.Admin;
using Vtis.ServiceModel.Auth;
using Vtis.ServiceModel.Billing;
using Vtis.ServiceModel.Credits;
using Vtis.TestSupport.Stripe;

namespace Vtis.IntegrationTests;

/// <summary>Operators and money: adjustments with a reason, purchases, the Stripe inbox, and billing switched off.</summary>
public sealed class BillingAdminTests(Db db) : ApiTest(db)
{
    [Test]
    public async Task Admin_grants_and_deducts_credits_with_a_reason_and_the_user_sees_the_entries()
    {
        var user = await App.RegisterAsync();
        var accountId = (await user.Client.SendAsync(new GetMe())).Account.Id;
        var admin = await App.AdminAsync();
        var before = await user.Client.SendAsync(new GetCredits());

        var grant = await admin.SendAsync(new AdjustCredits { AccountId = accountId, Amount = 25, Reason = "Goodwill for the outage" });
        var deduct = await admin.SendAsync(new AdjustCredits { AccountId = accountId, Amount = -5, Reason = "Duplicate grant" });

        Assert.That((grant.Kind, grant.Amount, grant.Reason), Is.EqualTo(("adjustment", 25L, "Goodwill for the outage")));
        Assert.That((deduct.Kind, deduct.Amount), Is.EqualTo(("adjustment", -5L)));
        var after = await user.Client.SendAsync(new GetCredits());
        Assert.That(after.Balance - before.Balance, Is.EqualTo(20));
        var ledger = await user.Client.SendAsync(new ListLedger());
        Assert.That(ledger.Items.Take(2).Select(e => e.Reason), Is.EqualTo(new[] { "Duplicate grant", "Goodwill for the outage" }));
        await App.AssertLedgerInvariantsAsync(user);
    }

    [Test]
    public async Task Adjustments_are_refused_to_users_and_for_unknown_accounts_or_no_change()
    {
        var user = await App.RegisterAsync();
        var accountId = (await user.Client.SendAsync(new GetMe())).Account.Id;
        var admin = await App.AdminAsync();

        var forbidden = Assert.ThrowsAsync<ApiException>(() => user.Client.SendAsync(new AdjustCredits { AccountId = accountId, Amount = 1000, Reason = "free money" }));
        var unknown = Assert.ThrowsAsync<ApiException>(() => admin.SendAsync(new AdjustCredits { AccountId = Guid.NewGuid(), Amount = 5, Reason = "nobody" }));
        var zero = Assert.ThrowsAsync<ApiException>(() => admin.SendAsync(new AdjustCredits { AccountId = accountId, Amount = 0, Reason = "nothing" }));
        var noReason = Assert.ThrowsAsync<ApiException>(() => admin.SendAsync(new AdjustCredits { AccountId = accountId, Amount = 5, Reason = "" }));
        Assert.That(new[] { forbidden!.Status, unknown!.Status, zero!.Status, noReason!.Status }, Is.EqualTo(new[] { 403, 404, 400, 400 }));
    }

    [Test]
    public async Task Admin_sees_purchases_and_stripe_events_and_reprocessing_never_credits_twice()
    {
        var checkout = await App.StartCheckoutAsync();
        var completed = checkout.CompletedEvent();
        await App.DeliverAndProcessAsync(completed);
        var admin = await App.AdminAsync();

        var purchases = await admin.SendAsync(new ListAllPurchases { AccountId = checkout.AccountId });
        var listed = purchases.Items.Single();
        Assert.That((listed.Purchase.Id, listed.Purchase.Status, listed.PaymentIntentId), Is.EqualTo((checkout.Started.PurchaseId, PurchaseStatus.Paid, checkout.PaymentIntentId)));

        var events = await admin.SendAsync(new ListStripeEvents { Type = "checkout.session.completed", PageSize = 200 });
        var shown = events.Items.Single(e => e.Id == completed["id"]!.GetValue<string>());
        Assert.That((shown.Outcome, shown.PurchaseId, shown.Attempts), Is.EqualTo(("credited 50 credits", (Guid?)checkout.Started.PurchaseId, 1)));

        var again = await admin.SendAsync(new ReprocessStripeEvent { Id = shown.Id });
        Assert.That(again.ProcessedAt, Is.Null);
        var record = await App.WaitProcessedAsync(completed);
        Assert.That((record.Outcome, record.Attempts), Is.EqualTo(("ignored: already credited", 2)));
        Assert.That((await App.MoneyLedgerAsync(checkout.AccountId)).Sum(e => e.Amount), Is.EqualTo(50));

        var user = checkout.Buyer.Client;
        Assert.That(Assert.ThrowsAsync<ApiException>(() => user.SendAsync(new ListStripeEvents()))!.Status, Is.EqualTo(403));
        Assert.That(Assert.ThrowsAsync<ApiException>(() => user.SendAsync(new ListAllPurchases()))!.Status, Is.EqualTo(403));
        Assert.That(Assert.ThrowsAsync<ApiException>(() => admin.SendAsync(new ReprocessStripeEvent { Id = "evt_unknown" }))!.Status, Is.EqualTo(404));
    }
}

/// <summary>An app of its own with no Stripe keys (one provider is enough: nothing here touches the database's dialect).</summary>
public sealed class BillingDisabledTests
{
    [Test]
    public async Task Without_stripe_keys_billing_answers_503_and_the_rest_works()
    {
        await using var app = await TestApp.StartAsync(Db.Sqlite, new Dictionary<string, string?> { ["Stripe:SecretKey"] = "" });
        var user = await app.RegisterAsync();

        var calls = new Func<Task>[]
        {
            () => user.Client.SendAsync(new ListCreditPacks()),
            () => user.Client.SendAsync(new CreateCheckout { PackId = "starter" }),
            () => user.Client.SendAsync(new CreatePortalSession()),
        };
        foreach (var call in calls)
        {
            var refused = Assert.ThrowsAsync<ApiException>(() => call());
            Assert.That((refused!.Status, refused.Type), Is.EqualTo((503, "/problems/billing-disabled")));
        }

        var payload = StripeWebhooks.Event("checkout.session.completed", new System.Text.Json.Nodes.JsonObject()).ToJsonString();
        using var http = app.NewHttpClient();
        using var webhook = await StripeWebhooks.DeliverAsync(http, app.Webhook(), payload,
            StripeWebhooks.Signature(payload, TestApp.StripeWebhookSecret, DateTimeOffset.UtcNow));
        Assert.That(webhook.StatusCode, Is.EqualTo(HttpStatusCode.ServiceUnavailable));

        Assert.That((await user.Client.SendAsync(new GetCredits())).Balance, Is.EqualTo(10), "credits work without billing");
        Assert.That((await user.Client.SendAsync(new ListPurchases())).Total, Is.Zero);
    }
}
