using System.Net;
using Vtis.Client;
using Vtis.IntegrationTests.Support;
using Vtis.ServiceInterface.Data;
using Vtis.ServiceModel.Auth;
using Vtis.ServiceModel.Billing;
using Vtis.ServiceModel.Credits;
using Vtis.ServiceModel.Jobs;
using Vtis.TestSupport.Stripe;

namespace Vtis.IntegrationTests;

/// <summary>Buying credits through the Stripe API fake and Stripe's signed webhooks. After every scenario the ledger
/// must match the money: the pack's credits for what was paid, less the refunded share, frozen while disputed.</summary>
public sealed class BillingTests(Db db) : ApiTest(db)
{
    private const long StarterCredits = 50;
    private const long StarterAmount = 500;

    [Test]
    public async Task Packs_are_listed_with_their_prices()
    {
        var packs = await App.NewClient().SendAsync(new ListCreditPacks());
        Assert.That(packs.Packs.Select(p => (p.Id, p.Credits, p.UnitAmount, p.Currency)),
            Is.EqualTo(new[] { ("starter", 50L, 500L, "usd"), ("standard", 200L, 1500L, "usd"), ("pro", 1000L, 6000L, "usd") }));
        Assert.That(packs.PublishableKey, Is.EqualTo("pk_test_integration"));
    }

    [Test]
    public async Task Checkout_asks_stripe_for_a_payment_session_with_the_account_pack_customer_invoice_and_return_urls()
    {
        var stripe = await Apps.StripeAsync();
        var checkout = await App.StartCheckoutAsync();
        var mine = stripe.Requests.Where(r => r.Form.GetValueOrDefault("metadata[accountId]") == checkout.AccountId.ToString()).ToList();
        var customer = mine.Single(r => r.Path == "/v1/customers");
        var session = mine.Single(r => r.Path == "/v1/checkout/sessions").Form;
        var origin = App.BaseAddress.GetLeftPart(UriPartial.Authority);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(customer.Form["email"], Is.EqualTo(checkout.Buyer.Email));
            Assert.That(customer.Authorization, Is.EqualTo($"Bearer {stripe.SecretKey}"));
            Assert.That(session["mode"], Is.EqualTo("payment"));
            Assert.That(session["customer"], Does.StartWith("cus_"));
            Assert.That(session["client_reference_id"], Is.EqualTo(checkout.AccountId.ToString()));
            Assert.That(session["metadata[packId]"], Is.EqualTo("starter"));
            Assert.That(session["metadata[purchaseId]"], Is.EqualTo(checkout.Started.PurchaseId.ToString()));
            Assert.That(session["payment_intent_data[metadata][accountId]"], Is.EqualTo(checkout.AccountId.ToString()));
            Assert.That(session["invoice_creation[enabled]"], Is.EqualTo("true"));
            Assert.That(session["line_items[0][quantity]"], Is.EqualTo("1"));
            Assert.That(session["line_items[0][price_data][unit_amount]"], Is.EqualTo("500"));
            Assert.That(session["line_items[0][price_data][currency]"], Is.EqualTo("usd"));
            Assert.That(session["success_url"], Is.EqualTo($"{origin}/billing?checkout=success&session_id={{CHECKOUT_SESSION_ID}}"));
            Assert.That(session["cancel_url"], Is.EqualTo($"{origin}/billing?checkout=cancelled"));
            Assert.That(checkout.Started.Url, Is.EqualTo(checkout.Session["url"]!.GetValue<string>()));
            Assert.That(checkout.Session["customer"]!.GetValue<string>(), Is.EqualTo(session["customer"]));
        }

        var purchase = await App.PurchaseAsync(checkout.Started.PurchaseId);
        Assert.That((purchase.Status, purchase.CheckoutSessionId, purchase.Credits), Is.EqualTo((PurchaseStatus.Pending, checkout.Started.SessionId, StarterCredits)));

        // The second purchase reuses the customer.
        var again = await App.StartCheckoutAsync("standard", checkout.Buyer);
        var after = stripe.Requests.Where(r => r.Form.GetValueOrDefault("metadata[accountId]") == checkout.AccountId.ToString()).ToList();
        Assert.That(after.Count(r => r.Path == "/v1/customers"), Is.EqualTo(1), "one Stripe customer per account");
        Assert.That(again.Session["customer"]!.GetValue<string>(), Is.EqualTo(session["customer"]));
    }

    [Test]
    public async Task Idempotency_key_is_passed_to_stripe_and_a_repeat_answers_the_same_checkout()
    {
        var stripe = await Apps.StripeAsync();
        var buyer = await App.RegisterAsync();
        var key = $"buy-{Guid.NewGuid():N}";
        var first = await buyer.Client.SendAsync(new CreateCheckout { PackId = "pro" }, key);
        var second = await buyer.Client.SendAsync(new CreateCheckout { PackId = "pro" }, key);

        Assert.That((second.SessionId, second.PurchaseId, second.Url), Is.EqualTo((first.SessionId, first.PurchaseId, first.Url)));
        Assert.That(stripe.Requests.Where(r => r.Path == "/v1/checkout/sessions" && r.IdempotencyKey == key).Select(r => r.Status), Is.EqualTo(new[] { 200 }),
            "the key reached Stripe with the one session it created");
        var purchases = await buyer.Client.SendAsync(new ListPurchases());
        Assert.That(purchases.Items.Select(p => p.Id), Is.EqualTo(new[] { first.PurchaseId }));

        var reused = Assert.ThrowsAsync<ApiException>(() => buyer.Client.SendAsync(new CreateCheckout { PackId = "starter" }, key));
        Assert.That((reused!.Status, reused.Type), Is.EqualTo((409, "/problems/idempotency-key-reused")));
    }

    [Test]
    public async Task Portal_session_is_for_the_accounts_customer_and_returns_to_the_billing_page()
    {
        var stripe = await Apps.StripeAsync();
        var checkout = await App.StartCheckoutAsync();
        var portal = await checkout.Buyer.Client.SendAsync(new CreatePortalSession());

        var request = stripe.Requests.Last(r => r.Path == "/v1/billing_portal/sessions" && r.Form["customer"] == checkout.Session["customer"]!.GetValue<string>());
        Assert.That(request.Form["return_url"], Is.EqualTo($"{App.BaseAddress.GetLeftPart(UriPartial.Authority)}/billing"));
        Assert.That(portal.Url, Does.StartWith("https://billing.stripe.com/p/session/bps_"));
    }

    [Test]
    public async Task Paid_checkout_credits_the_pack_from_the_events_metadata()
    {
        var checkout = await App.StartCheckoutAsync();
        var before = await checkout.Buyer.Client.SendAsync(new GetCredits());
        var record = await App.DeliverAndProcessAsync(checkout.CompletedEvent());

        var after = await checkout.Buyer.Client.SendAsync(new GetCredits());
        var purchase = await App.PurchaseAsync(checkout.Started.PurchaseId);
        var money = await App.MoneyLedgerAsync(checkout.AccountId);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(record.Outcome, Is.EqualTo("credited 50 credits"));
            Assert.That(after.Balance - before.Balance, Is.EqualTo(StarterCredits));
            Assert.That((purchase.Status, purchase.AmountPaid, purchase.Currency, purchase.PaymentIntentId),
                Is.EqualTo((PurchaseStatus.Paid, StarterAmount, "usd", checkout.PaymentIntentId)));
            Assert.That(money.Select(e => (e.Kind, e.Amount, e.Reference)),
                Is.EqualTo(new[] { (CreditEntryKind.Purchase, StarterCredits, $"checkout:{checkout.Started.SessionId}") }));
        }
        var listed = await checkout.Buyer.Client.SendAsync(new ListPurchases());
        Assert.That(listed.Items.Single().Status, Is.EqualTo(PurchaseStatus.Paid));
        await App.AssertLedgerInvariantsAsync(checkout.Buyer);
    }

    [Test]
    public async Task Bad_signatures_are_400_and_change_nothing()
    {
        var checkout = await App.StartCheckoutAsync();
        var stripeEvent = checkout.CompletedEvent();
        var payload = stripeEvent.ToJsonString();
        var now = DateTimeOffset.UtcNow;
        var tampered = payload.Replace("\"amount_total\":500", "\"amount_total\":1", StringComparison.Ordinal);
        Assert.That(tampered, Is.Not.EqualTo(payload));
        (string Name, string Body, string? Signature)[] cases =
        [
            ("missing header", payload, null),
            ("not a signature", payload, "hello"),
            ("wrong secret", payload, StripeWebhooks.Signature(payload, "whsec_someone_else", now)),
            ("expired timestamp", payload, StripeWebhooks.Signature(payload, TestApp.StripeWebhookSecret, now.AddMinutes(-10))),
            ("tampered body", tampered, StripeWebhooks.Signature(payload, TestApp.StripeWebhookSecret, now)),
        ];

        using var http = App.NewHttpClient();
        foreach (var (name, body, signature) in cases)
        {
            using var response = await StripeWebhooks.DeliverAsync(http, App.Webhook(), body, signature);
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest), name);
            Assert.That(await response.Content.ReadAsStringAsync(), Does.Contain("/problems/bad-signature"), name);
        }

        Assert.That(await App.StripeEventCountAsync(stripeEvent["id"]!.GetValue<string>()), Is.Zero, "nothing recorded");
        await Task.Delay(500);
        Assert.That(await App.MoneyLedgerAsync(checkout.AccountId), Is.Empty, "nothing credited");
        Assert.That((await App.PurchaseAsync(checkout.Started.PurchaseId)).Status, Is.EqualTo(PurchaseStatus.Pending));
    }

    [Test]
    public async Task A_redelivered_event_is_acknowledged_and_ignored()
    {
        var checkout = await App.StartCheckoutAsync();
        var stripeEvent = checkout.CompletedEvent();
        await App.DeliverAndProcessAsync(stripeEvent);
        var again = await App.DeliverOkAsync(stripeEvent);

        Assert.That(again["duplicate"]!.GetValue<bool>(), Is.True);
        Assert.That(await App.StripeEventCountAsync(stripeEvent["id"]!.GetValue<string>()), Is.EqualTo(1));
        await Task.Delay(500);
        Assert.That((await App.MoneyLedgerAsync(checkout.AccountId)).Sum(e => e.Amount), Is.EqualTo(StarterCredits));
    }

    [TestCase("checkout.session.async_payment_succeeded", "checkout.session.completed")]
    [TestCase("checkout.session.completed", "checkout.session.async_payment_succeeded")]
    public async Task One_session_reported_by_both_event_types_is_credited_once(string first, string second)
    {
        var checkout = await App.StartCheckoutAsync();
        var a = await App.DeliverAndProcessAsync(checkout.SessionEvent(first));
        var b = await App.DeliverAndProcessAsync(checkout.SessionEvent(second));

        Assert.That(new[] { a.Outcome, b.Outcome }, Is.EquivalentTo(new[] { "credited 50 credits", "ignored: already credited" }));
        Assert.That((await App.MoneyLedgerAsync(checkout.AccountId)).Select(e => e.Amount), Is.EqualTo(new[] { StarterCredits }));
        await App.AssertLedgerInvariantsAsync(checkout.Buyer);
    }

    [Test]
    public async Task Concurrent_deliveries_on_two_replicas_credit_once()
    {
        await using var replica = await TestApp.StartAsync(Db, new Dictionary<string, string?>
        {
            ["ConnectionStrings:Default"] = App.Setting("ConnectionStrings:Default"),
            ["Queue:Prefix"] = App.Setting("Queue:Prefix"),
        });
        var checkout = await App.StartCheckoutAsync();
        var completed = checkout.CompletedEvent();
        var succeeded = checkout.SessionEvent("checkout.session.async_payment_succeeded");
        var deliveries = Enumerable.Range(0, 12).Select(i => (i % 2 == 0 ? App : replica).DeliverAsync(i % 3 == 0 ? succeeded : completed)).ToList();
        var responses = await Task.WhenAll(deliveries);

        Assert.That(responses.Select(r => (int)r.StatusCode), Is.All.EqualTo(200));
        foreach (var response in responses) response.Dispose();
        await App.WaitProcessedAsync(completed);
        await App.WaitProcessedAsync(succeeded);
        Assert.That(await App.StripeEventCountAsync(completed["id"]!.GetValue<string>()), Is.EqualTo(1));
        Assert.That((await App.MoneyLedgerAsync(checkout.AccountId)).Select(e => e.Amount), Is.EqualTo(new[] { StarterCredits }));
        await App.AssertLedgerInvariantsAsync(checkout.Buyer);
    }

    [Test]
    public async Task A_refund_that_arrives_before_the_completion_is_applied_once_the_purchase_is_paid()
    {
        var checkout = await App.StartCheckoutAsync();
        var refund = checkout.RefundEvent(amountRefunded: 250, chargeId: StripeWebhooks.NewId("ch"));
        var parked = await App.DeliverAndProcessAsync(refund, waiting: true);
        Assert.That(parked.Outcome, Does.StartWith("waiting:"));
        Assert.That(await App.MoneyLedgerAsync(checkout.AccountId), Is.Empty);

        await App.DeliverAndProcessAsync(checkout.CompletedEvent());
        var applied = await App.WaitProcessedAsync(refund);

        Assert.That(applied.Outcome, Is.EqualTo("took back 25 credits"));
        Assert.That((await App.MoneyLedgerAsync(checkout.AccountId)).Select(e => (e.Kind, e.Amount)),
            Is.EqualTo(new[] { (CreditEntryKind.Purchase, StarterCredits), (CreditEntryKind.Refund, -25L) }));
        var purchase = await App.PurchaseAsync(checkout.Started.PurchaseId);
        Assert.That((purchase.Status, purchase.AmountRefunded, purchase.CreditsRefunded), Is.EqualTo((PurchaseStatus.PartiallyRefunded, 250L, 25L)));
        await App.AssertLedgerInvariantsAsync(checkout.Buyer);
    }

    [Test]
    public async Task A_failed_delayed_payment_ends_the_purchase_without_credits()
    {
        var checkout = await App.StartCheckoutAsync();
        var awaiting = await App.DeliverAndProcessAsync(checkout.CompletedEvent(paid: false));
        Assert.That(awaiting.Outcome, Is.EqualTo("awaiting the payment to settle"));
        Assert.That((await App.PurchaseAsync(checkout.Started.PurchaseId)).Status, Is.EqualTo(PurchaseStatus.AwaitingPayment));

        await App.DeliverAndProcessAsync(checkout.SessionEvent("checkout.session.async_payment_failed"));
        Assert.That((await App.PurchaseAsync(checkout.Started.PurchaseId)).Status, Is.EqualTo(PurchaseStatus.Failed));
        Assert.That(await App.MoneyLedgerAsync(checkout.AccountId), Is.Empty);
    }

    [Test]
    public async Task A_checkout_left_unpaid_expires_without_credits()
    {
        var checkout = await App.StartCheckoutAsync();
        var expired = StripeWebhooks.Event("checkout.session.expired", checkout.Session.DeepClone().AsObject());
        var record = await App.DeliverAndProcessAsync(expired);
        Assert.That(record.Outcome, Is.EqualTo("checkout expired unpaid"));
        Assert.That((await App.PurchaseAsync(checkout.Started.PurchaseId)).Status, Is.EqualTo(PurchaseStatus.Expired));
        Assert.That(await App.MoneyLedgerAsync(checkout.AccountId), Is.Empty);
    }

    [Test]
    public async Task Partial_then_full_refunds_take_back_the_refunded_share()
    {
        var checkout = await App.StartCheckoutAsync();
        await App.DeliverAndProcessAsync(checkout.CompletedEvent());
        var charge = StripeWebhooks.NewId("ch");
        var partial = checkout.RefundEvent(100, charge);
        await App.DeliverAndProcessAsync(partial);
        var same = await App.DeliverAndProcessAsync(checkout.RefundEvent(100, charge)); // another event, same running total
        var full = await App.DeliverAndProcessAsync(checkout.RefundEvent(StarterAmount, charge));

        Assert.That(same.Outcome, Is.EqualTo("ignored: no new refund"));
        Assert.That(full.Outcome, Is.EqualTo("took back 40 credits"));
        Assert.That((await App.MoneyLedgerAsync(checkout.AccountId)).Select(e => e.Amount), Is.EqualTo(new[] { StarterCredits, -10L, -40L }));
        var purchase = await App.PurchaseAsync(checkout.Started.PurchaseId);
        Assert.That((purchase.Status, purchase.CreditsRefunded, purchase.AmountRefunded), Is.EqualTo((PurchaseStatus.Refunded, StarterCredits, StarterAmount)));
        await App.AssertLedgerInvariantsAsync(checkout.Buyer);
    }

    [Test]
    public async Task Refunding_spent_credits_leaves_a_negative_balance_and_submits_are_refused()
    {
        var checkout = await App.StartCheckoutAsync();
        await App.DeliverAndProcessAsync(checkout.CompletedEvent());
        var upload = await checkout.Buyer.UploadAsync(await TestMedia.Mp4);
        var admin = await App.AdminAsync();
        var credits = await checkout.Buyer.Client.SendAsync(new GetCredits());
        await admin.SendAsync(new ServiceModel.Admin.AdjustCredits { AccountId = checkout.AccountId, Amount = -credits.Balance, Reason = "spent elsewhere (test)" });

        await App.DeliverAndProcessAsync(checkout.RefundEvent(StarterAmount, StripeWebhooks.NewId("ch")));

        var after = await checkout.Buyer.Client.SendAsync(new GetCredits());
        Assert.That(after.Balance, Is.EqualTo(-StarterCredits));
        var refused = Assert.ThrowsAsync<ApiException>(() => checkout.Buyer.Client.SendAsync(new SubmitJob { UploadId = upload.Id }));
        Assert.That((refused!.Status, refused.Type), Is.EqualTo((402, "/problems/insufficient-credits")));
        await App.AssertLedgerInvariantsAsync(checkout.Buyer);
    }

    [TestCase("won", 50L, PurchaseStatus.Paid)]
    [TestCase("lost", 0L, PurchaseStatus.DisputeLost)]
    public async Task A_dispute_freezes_the_credits_until_it_closes(string result, long creditsKept, PurchaseStatus final)
    {
        var checkout = await App.StartCheckoutAsync();
        await App.DeliverAndProcessAsync(checkout.CompletedEvent());
        var (dispute, charge) = (StripeWebhooks.NewId("dp"), StripeWebhooks.NewId("ch"));
        var before = await checkout.Buyer.Client.SendAsync(new GetCredits());

        var opened = await App.DeliverAndProcessAsync(checkout.DisputeEvent("charge.dispute.created", dispute, charge, "needs_response"));
        var frozen = await checkout.Buyer.Client.SendAsync(new GetCredits());
        Assert.That(opened.Outcome, Is.EqualTo("froze 50 credits"));
        Assert.That((frozen.Balance, frozen.Reserved), Is.EqualTo((before.Balance, before.Reserved + StarterCredits)), "frozen, not taken");
        Assert.That((await App.PurchaseAsync(checkout.Started.PurchaseId)).Status, Is.EqualTo(PurchaseStatus.Disputed));

        await App.DeliverAndProcessAsync(checkout.DisputeEvent("charge.dispute.closed", dispute, charge, result));
        var closed = await checkout.Buyer.Client.SendAsync(new GetCredits());
        var purchase = await App.PurchaseAsync(checkout.Started.PurchaseId);
        Assert.That((closed.Balance, closed.Reserved), Is.EqualTo((before.Balance - StarterCredits + creditsKept, before.Reserved)));
        Assert.That((purchase.Status, purchase.CreditsFrozen, purchase.DisputeStatus), Is.EqualTo((final, 0L, result)));
        var money = await App.MoneyLedgerAsync(checkout.AccountId);
        Assert.That((money.Sum(e => e.Amount), money.Sum(e => e.Hold)), Is.EqualTo((creditsKept, 0L)), "the ledger matches the money");
        await App.AssertLedgerInvariantsAsync(checkout.Buyer);
    }

    [Test]
    public async Task Events_we_do_not_handle_are_stored_and_acknowledged()
    {
        var stripeEvent = StripeWebhooks.Event("customer.created", new System.Text.Json.Nodes.JsonObject { ["id"] = StripeWebhooks.NewId("cus"), ["object"] = "customer" });
        var record = await App.DeliverAndProcessAsync(stripeEvent);
        Assert.That(record.Outcome, Is.EqualTo("ignored: customer.created is not handled"));
        Assert.That(record.Payload, Is.EqualTo(stripeEvent.ToJsonString()));
    }

    [Test]
    public async Task An_event_recorded_but_never_queued_is_picked_up_by_the_sweep()
    {
        var checkout = await App.StartCheckoutAsync();
        var stripeEvent = checkout.CompletedEvent();
        // As if the process had stopped between storing the event and queueing it.
        await App.WithDatabaseAsync(async db =>
        {
            db.StripeEvents.Add(new StripeEvent
            {
                Id = stripeEvent["id"]!.GetValue<string>(),
                Type = "checkout.session.completed",
                Payload = stripeEvent.ToJsonString(),
                CreatedAt = DateTimeOffset.UtcNow,
                ReceivedAt = DateTimeOffset.UtcNow - ServiceInterface.Billing.StripeInboxSweep.Grace - TimeSpan.FromSeconds(1),
            });
            return await db.SaveChangesAsync();
        });

        var record = await App.WaitProcessedAsync(stripeEvent);
        Assert.That(record.Outcome, Is.EqualTo("credited 50 credits"));
        Assert.That((await App.MoneyLedgerAsync(checkout.AccountId)).Sum(e => e.Amount), Is.EqualTo(StarterCredits));
    }

    [Test]
    public async Task Nobody_sees_another_accounts_purchases()
    {
        var alice = await App.StartCheckoutAsync();
        var mallory = await App.RegisterAsync();
        var theirs = await mallory.Client.SendAsync(new ListPurchases());
        Assert.That(theirs.Items.Select(p => p.Id), Does.Not.Contain(alice.Started.PurchaseId));
        Assert.That(theirs.Total, Is.Zero);
    }
}
