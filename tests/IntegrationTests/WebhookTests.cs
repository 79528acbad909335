using Microsoft.EntityFrameworkCore;
using Vtis.Client;
using Vtis.IntegrationTests.Support;
using Vtis.ServiceInterface.Data;
using Vtis.ServiceModel.Admin;
using Vtis.ServiceModel.Auth;
using Vtis.ServiceModel.Jobs;
using Vtis.ServiceModel.Webhooks;
using Vtis.TestSupport.Webhooks;

namespace Vtis.IntegrationTests;

/// <summary>Signed event delivery to a receiver on loopback that verifies with the Standard Webhooks library.</summary>
public sealed class WebhookTests(Db db) : ApiTest(db)
{
    [Test]
    public async Task A_completed_job_is_delivered_signed_with_the_job_as_the_api_shows_it()
    {
        var session = await App.RegisterAsync();
        var hook = await session.RegisterHookAsync(WebhookEventTypes.JobCompleted);
        var job = await session.RunJobAsync();
        var receiver = await Apps.ReceiverAsync();
        var received = (await receiver.WaitForAsync(hook.Name)).Single();

        var body = received.Json();
        var shown = await session.Client.SendAsync(new GetJob { Id = job.Id });
        using (Assert.EnterMultipleScope())
        {
            Assert.That(received.Verified, Is.True, received.VerifyError);
            Assert.That(received.Id, Does.StartWith("msg_"));
            Assert.That(received.Signature, Does.StartWith("v1,"));
            Assert.That(body["type"]!.GetValue<string>(), Is.EqualTo("job.completed"));
            Assert.That(body["timestamp"], Is.Not.Null);
            Assert.That(body["data"]!["id"]!.GetValue<Guid>(), Is.EqualTo(job.Id));
            Assert.That(body["data"]!["status"]!.GetValue<string>(), Is.EqualTo("Completed"));
            Assert.That(body["data"]!["outputReady"]!.GetValue<bool>(), Is.True);
            Assert.That(body["data"]!["estimatedCredits"]!.GetValue<long>(), Is.EqualTo(shown.EstimatedCredits));
            Assert.That(body["data"]!["displayName"]!.GetValue<string>(), Is.EqualTo(shown.DisplayName));
        }

        var delivery = await session.WaitForDeliveryAsync(hook.Id, d => d.Status == WebhookDeliveryStatus.Succeeded);
        Assert.That((delivery.MessageId, delivery.EventType, delivery.AttemptCount), Is.EqualTo((received.Id, "job.completed", 1)));
        Assert.That(delivery.Attempts.Single().StatusCode, Is.EqualTo(200));
        Assert.That(delivery.Attempts.Single().ResponseSnippet, Is.EqualTo("ok"));
    }

    [Test]
    public async Task The_library_refuses_a_tampered_body_and_an_old_timestamp()
    {
        var session = await App.RegisterAsync();
        var hook = await session.RegisterHookAsync();
        await session.Client.SendAsync(new SendTestWebhook { Id = hook.Id });
        var received = (await (await Apps.ReceiverAsync()).WaitForAsync(hook.Name)).Single();
        Assert.That(received.Verified, Is.True, received.VerifyError);
        var secret = hook.Created.Secret;

        var tampered = WebhookReceiver.Verify(secret, received.Body.Replace("test event", "test EVENT", StringComparison.Ordinal), received.Id, received.Timestamp, received.Signature);
        var old = (long.Parse(received.Timestamp, System.Globalization.CultureInfo.InvariantCulture) - 600).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var stale = WebhookReceiver.Verify(secret, received.Body, received.Id, old, received.Signature);
        var otherSecret = WebhookReceiver.Verify(ServiceInterface.Webhooks.WebhookSignature.NewSecret(), received.Body, received.Id, received.Timestamp, received.Signature);
        Assert.That(new[] { tampered, stale, otherSecret }, Has.All.Not.Null);
        Assert.That(stale, Does.Contain("timestamp").IgnoreCase);
    }

    [Test]
    public async Task After_a_rotation_both_the_old_and_the_new_secret_verify_for_a_day()
    {
        var session = await App.RegisterAsync();
        var hook = await session.RegisterHookAsync();
        var rotated = await session.Client.SendAsync(new RotateWebhookSecret { Id = hook.Id });
        Assert.That(rotated.Secret, Is.Not.EqualTo(hook.Created.Secret).And.StartWith("whsec_"));
        Assert.That(rotated.Endpoint.PreviousSecretExpiresAt, Is.EqualTo(DateTimeOffset.UtcNow.AddHours(24)).Within(TimeSpan.FromMinutes(1)));

        await session.Client.SendAsync(new SendTestWebhook { Id = hook.Id });
        var received = (await (await Apps.ReceiverAsync()).WaitForAsync(hook.Name)).Single();
        var signatures = received.Signature.Split(' ');
        Assert.That(signatures, Has.Length.EqualTo(2));
        Assert.That(WebhookReceiver.Verify(rotated.Secret, received.Body, received.Id, received.Timestamp, received.Signature), Is.Null, "new secret, whole header");
        // StandardWebhooks 1.1.2 never reaches the last of several signatures (it re-reads the whole header there),
        // so each is handed to it alone: what a receiver that splits the header, as the spec says, would check.
        Assert.That(signatures.Count(s => WebhookReceiver.Verify(hook.Created.Secret, received.Body, received.Id, received.Timestamp, s) is null), Is.EqualTo(1), "old secret");
        Assert.That(signatures.Count(s => WebhookReceiver.Verify(rotated.Secret, received.Body, received.Id, received.Timestamp, s) is null), Is.EqualTo(1), "new secret");
    }

    [Test]
    public async Task Failures_are_retried_with_the_same_webhook_id_until_the_receiver_answers()
    {
        var session = await App.RegisterAsync();
        var hook = await session.RegisterHookAsync();
        var receiver = await Apps.ReceiverAsync();
        receiver.Script(hook.Name, new HookAnswer.Status(500, "busy"), new HookAnswer.Status(503));
        await session.Client.SendAsync(new SendTestWebhook { Id = hook.Id });

        var pending = await session.WaitForDeliveryAsync(hook.Id, d => d.AttemptCount == 1);
        Assert.That(pending.Status, Is.EqualTo(WebhookDeliveryStatus.Pending));
        Assert.That(pending.NextAttemptAt, Is.Not.Null, "the next retry is shown");
        var delivered = await session.WaitForDeliveryAsync(hook.Id, d => d.Status == WebhookDeliveryStatus.Succeeded);
        var got = receiver.For(hook.Name);
        Assert.That(got.Select(r => r.AnsweredStatus), Is.EqualTo(new[] { 500, 503, 200 }));
        Assert.That(got.Select(r => r.Id).Distinct().Single(), Is.EqualTo(delivered.MessageId));
        Assert.That(delivered.Attempts.Select(a => a.StatusCode), Is.EqualTo(new int?[] { 500, 503, 200 }));
        Assert.That(delivered.Attempts[0].ResponseSnippet, Is.EqualTo("busy"));
        Assert.That(got.All(r => r.Verified), Is.True);
    }

    [Test]
    public async Task A_receiver_that_always_fails_ends_in_a_failed_delivery_after_the_last_retry()
    {
        var session = await App.RegisterAsync();
        var hook = await session.RegisterHookAsync();
        (await Apps.ReceiverAsync()).Script(hook.Name, [.. Enumerable.Repeat<HookAnswer>(new HookAnswer.Status(500), 10)]);
        await session.Client.SendAsync(new SendTestWebhook { Id = hook.Id });

        var failed = await session.WaitForDeliveryAsync(hook.Id, d => d.Status == WebhookDeliveryStatus.Failed);
        Assert.That(failed.AttemptCount, Is.EqualTo(4), "the first attempt and three retries (the tests' schedule)");
        Assert.That(failed.NextAttemptAt, Is.Null);
        var endpoint = await session.Client.SendAsync(new GetWebhookEndpoint { Id = hook.Id });
        Assert.That(endpoint.Enabled, Is.True);
        Assert.That(endpoint.FailingSince, Is.Not.Null);
    }

    [Test]
    public async Task Gone_disables_the_endpoint_at_once()
    {
        var session = await App.RegisterAsync();
        var hook = await session.RegisterHookAsync();
        (await Apps.ReceiverAsync()).Script(hook.Name, new HookAnswer.Status(410));
        await session.Client.SendAsync(new SendTestWebhook { Id = hook.Id });

        var failed = await session.WaitForDeliveryAsync(hook.Id, d => d.Status == WebhookDeliveryStatus.Failed);
        var endpoint = await session.Client.SendAsync(new GetWebhookEndpoint { Id = hook.Id });
        Assert.That(failed.AttemptCount, Is.EqualTo(1));
        Assert.That((endpoint.Enabled, endpoint.DisabledReason), Is.EqualTo((false, "The endpoint answered 410 Gone.")));
        var refused = Assert.ThrowsAsync<ApiException>(() => session.Client.SendAsync(new ReplayWebhookDelivery { Id = failed.Id }));
        Assert.That(refused!.Status, Is.EqualTo(409));
    }

    [Test]
    public async Task A_slow_receiver_times_out_and_is_retried()
    {
        var session = await App.RegisterAsync();
        var hook = await session.RegisterHookAsync();
        (await Apps.ReceiverAsync()).Script(hook.Name, new HookAnswer.Slow(TimeSpan.FromSeconds(5)));
        await session.Client.SendAsync(new SendTestWebhook { Id = hook.Id });

        var delivered = await session.WaitForDeliveryAsync(hook.Id, d => d.Status == WebhookDeliveryStatus.Succeeded);
        Assert.That(delivered.Attempts[0].StatusCode, Is.Null);
        Assert.That(delivered.Attempts[0].Error, Is.EqualTo("No answer within 2 s."));
        Assert.That(delivered.Attempts[0].LatencyMs, Is.InRange(1900, 4000));
        Assert.That(delivered.Attempts[^1].StatusCode, Is.EqualTo(200));
    }

    [Test]
    public async Task A_replay_sends_the_same_webhook_id_again()
    {
        var session = await App.RegisterAsync();
        var hook = await session.RegisterHookAsync();
        await session.Client.SendAsync(new SendTestWebhook { Id = hook.Id });
        var first = await session.WaitForDeliveryAsync(hook.Id, d => d.Status == WebhookDeliveryStatus.Succeeded);

        var replay = await session.Client.SendAsync(new ReplayWebhookDelivery { Id = first.Id });
        Assert.That(replay.Status, Is.EqualTo(WebhookDeliveryStatus.Pending));
        var got = await (await Apps.ReceiverAsync()).WaitForAsync(hook.Name, 2);
        Assert.That(got.Select(r => r.Id), Is.EqualTo(new[] { first.MessageId, first.MessageId }));
        var after = await session.WaitForDeliveryAsync(hook.Id, d => d.Id == first.Id && d.Status == WebhookDeliveryStatus.Succeeded && d.Attempts.Count == 2);
        Assert.That(after.AttemptCount, Is.EqualTo(1), "a replay starts a new run of attempts");
    }

    [Test]
    public async Task Secrets_are_stored_sealed_and_rows_from_before_sealing_still_sign()
    {
        var session = await App.RegisterAsync();
        var hook = await session.RegisterHookAsync();
        var stored = await App.WithDatabaseAsync(d => d.WebhookEndpoints.AsNoTracking().SingleAsync(e => e.Id == hook.Id));
        Assert.That(stored.Secret, Does.StartWith("dp1:").And.Not.Contain(hook.Created.Secret[6..]), "no part of the secret in the row");

        await session.Client.SendAsync(new SendTestWebhook { Id = hook.Id });
        var sealedOne = (await (await Apps.ReceiverAsync()).WaitForAsync(hook.Name, 1)).Single();
        Assert.That(sealedOne.Verified, Is.True, sealedOne.VerifyError);

        // An endpoint stored before secrets were sealed keeps working with the plain secret in its row.
        await App.WithDatabaseAsync(async d =>
        {
            var row = await d.WebhookEndpoints.SingleAsync(e => e.Id == hook.Id);
            row.Secret = hook.Created.Secret;
            return await d.SaveChangesAsync();
        });
        await session.Client.SendAsync(new SendTestWebhook { Id = hook.Id });
        var plain = await (await Apps.ReceiverAsync()).WaitForAsync(hook.Name, 2);
        Assert.That(plain.Select(r => r.Verified), Is.All.True, string.Join("; ", plain.Select(r => r.VerifyError)));
    }

    [Test]
    public async Task A_redirect_is_not_followed_even_to_where_the_guard_would_allow()
    {
        var session = await App.RegisterAsync();
        var hook = await session.RegisterHookAsync();
        var receiver = await Apps.ReceiverAsync();
        var (target, targetUrl) = receiver.NewHook();
        receiver.Script(hook.Name, new HookAnswer.Redirect(targetUrl), new HookAnswer.Redirect("http://10.0.0.5/hooks/x"));
        await session.Client.SendAsync(new SendTestWebhook { Id = hook.Id });

        var delivery = await session.WaitForDeliveryAsync(hook.Id, d => d.Status == WebhookDeliveryStatus.Succeeded);
        Assert.That(delivery.Attempts.Select(a => a.StatusCode), Is.EqualTo(new int?[] { 302, 302, 200 }));
        Assert.That(receiver.For(target), Is.Empty, "the redirect target was never called");
    }

    [Test]
    public async Task An_address_that_became_private_after_registration_is_refused_when_connecting()
    {
        await using var other = await WebhookReceiver.StartAsync("127.0.0.2");
        var session = await App.RegisterAsync();
        var hook = await session.RegisterHookAsync();
        var (name, url) = other.NewHook();
        // As if the name had been re-pointed (DNS rebinding): the stored URL now leads to an address the guard refuses.
        await App.WithDatabaseAsync(async db => await db.WebhookEndpoints.IgnoreQueryFilters().Where(e => e.Id == hook.Id)
            .ExecuteUpdateAsync(s => s.SetProperty(e => e.Url, url)));
        await session.Client.SendAsync(new SendTestWebhook { Id = hook.Id });

        var delivery = await session.WaitForDeliveryAsync(hook.Id, d => d.AttemptCount >= 1);
        Assert.That(delivery.Attempts[0].StatusCode, Is.Null);
        Assert.That(delivery.Attempts[0].Error, Does.Contain("is not a public address"));
        Assert.That(other.For(name), Is.Empty);
    }

    [Test]
    public async Task Low_credits_are_announced_once_when_they_fall_below_the_threshold()
    {
        var session = await App.RegisterAsync();
        var accountId = (await session.Client.SendAsync(new GetMe())).Account.Id;
        var hook = await session.RegisterHookAsync(WebhookEventTypes.CreditsLow);
        var admin = await App.AdminAsync();
        await admin.SendAsync(new AdjustCredits { AccountId = accountId, Amount = -4, Reason = "down to 6" });
        await admin.SendAsync(new AdjustCredits { AccountId = accountId, Amount = -2, Reason = "down to 4" });
        await admin.SendAsync(new AdjustCredits { AccountId = accountId, Amount = -1, Reason = "down to 3" });

        var receiver = await Apps.ReceiverAsync();
        await receiver.WaitForAsync(hook.Name);
        await Task.Delay(1000); // time for a second event, were one sent
        var received = receiver.For(hook.Name).Single();
        var body = received.Json();
        Assert.That(body["type"]!.GetValue<string>(), Is.EqualTo("credits.low"));
        Assert.That((body["data"]!["available"]!.GetValue<long>(), body["data"]!["threshold"]!.GetValue<long>()), Is.EqualTo((4L, 5L)));
        Assert.That(received.Verified, Is.True, received.VerifyError);
    }

    [Test]
    public async Task Progress_events_reach_only_the_endpoints_that_ask_for_them()
    {
        var session = await App.RegisterAsync();
        var progress = await session.RegisterHookAsync(WebhookEventTypes.JobProgress);
        var defaults = await session.RegisterHookAsync();
        var job = await session.RunJobAsync(ProcessorKind.Local, await TestMedia.TwentySeconds); // long enough for several progress steps
        Assert.That(job.Status, Is.EqualTo(JobStatus.Completed));
        var receiver = await Apps.ReceiverAsync();
        var finals = await receiver.WaitForAsync(defaults.Name);

        Assert.That(finals.Select(r => r.Json()["type"]!.GetValue<string>()), Is.EqualTo(new[] { "job.completed" }));
        var steps = receiver.For(progress.Name);
        Assert.That(steps, Is.Not.Empty);
        Assert.That(steps.Select(r => r.Json()["type"]!.GetValue<string>()), Is.All.EqualTo("job.progress"));
        Assert.That(steps.Select(r => r.Json()["data"]!["progressPercentage"]!.GetValue<int>()), Is.All.InRange(10, 99));
    }

    [Test]
    public async Task A_paid_purchase_is_announced()
    {
        var checkout = await App.StartCheckoutAsync();
        var hook = await checkout.Buyer.RegisterHookAsync(WebhookEventTypes.PurchaseCompleted);
        await App.DeliverAndProcessAsync(checkout.CompletedEvent());

        var body = (await (await Apps.ReceiverAsync()).WaitForAsync(hook.Name)).Single().Json();
        Assert.That(body["type"]!.GetValue<string>(), Is.EqualTo("purchase.completed"));
        Assert.That((body["data"]!["id"]!.GetValue<Guid>(), body["data"]!["credits"]!.GetValue<long>(), body["data"]!["status"]!.GetValue<string>()),
            Is.EqualTo((checkout.Started.PurchaseId, 50L, "Paid")));
    }

    [Test]
    public async Task Endpoints_are_managed_and_their_secret_is_shown_only_when_made()
    {
        var session = await App.RegisterAsync();
        var hook = await session.RegisterHookAsync(WebhookEventTypes.JobFailed, WebhookEventTypes.JobCancelled);
        Assert.That(hook.Created.Secret, Does.StartWith("whsec_"));
        Assert.That(Convert.FromBase64String(hook.Created.Secret["whsec_".Length..]), Has.Length.EqualTo(32));

        var listed = await session.Client.SendAsync(new ListWebhookEndpoints());
        Assert.That(listed.Items.Single().EventTypes, Is.EqualTo(new[] { "job.failed", "job.cancelled" }));
        var updated = await session.Client.SendAsync(new UpdateWebhookEndpoint { Id = hook.Id, Url = hook.Url, Description = "changed", Enabled = false });
        Assert.That((updated.Description, updated.Enabled, updated.EventTypes), Is.EqualTo(("changed", false, (IReadOnlyList<string>)WebhookEventTypes.Default)));
        var json = await (await App.NewHttpClient().SendAsync(new HttpRequestMessage(HttpMethod.Get, $"/api/v1/webhooks/endpoints/{hook.Id}")
        {
            Headers = { Authorization = new("Bearer", session.Tokens.AccessToken) },
        })).Content.ReadAsStringAsync();
        Assert.That(json, Does.Not.Contain(hook.Created.Secret).And.Not.Contain("secret\""));

        var unknown = Assert.ThrowsAsync<ApiException>(() => session.Client.SendAsync(new CreateWebhookEndpoint { Url = hook.Url, EventTypes = ["job.exploded"] }));
        Assert.That((unknown!.Status, unknown.Errors.Keys.Single()), Is.EqualTo((400, "eventTypes")));
        await session.Client.SendAsync(new DeleteWebhookEndpoint { Id = hook.Id });
        Assert.That((await session.Client.SendAsync(new ListWebhookEndpoints())).Total, Is.Zero);
    }

    [Test]
    public async Task Nobody_sees_changes_tests_or_replays_another_accounts_endpoints_or_deliveries()
    {
        var alice = await App.RegisterAsync();
        var hook = await alice.RegisterHookAsync();
        await alice.Client.SendAsync(new SendTestWebhook { Id = hook.Id });
        var delivery = await alice.WaitForDeliveryAsync(hook.Id, d => d.Status == WebhookDeliveryStatus.Succeeded);
        var mallory = (await App.RegisterAsync()).Client;

        var calls = new Func<Task>[]
        {
            () => mallory.SendAsync(new GetWebhookEndpoint { Id = hook.Id }),
            () => mallory.SendAsync(new UpdateWebhookEndpoint { Id = hook.Id, Url = hook.Url }),
            () => mallory.SendAsync(new DeleteWebhookEndpoint { Id = hook.Id }),
            () => mallory.SendAsync(new RotateWebhookSecret { Id = hook.Id }),
            () => mallory.SendAsync(new SendTestWebhook { Id = hook.Id }),
            () => mallory.SendAsync(new ListWebhookDeliveries { Id = hook.Id }),
            () => mallory.SendAsync(new ReplayWebhookDelivery { Id = delivery.Id }),
        };
        foreach (var call in calls) Assert.That(Assert.ThrowsAsync<ApiException>(() => call())!.Status, Is.EqualTo(404));
        Assert.That((await mallory.SendAsync(new ListWebhookEndpoints())).Total, Is.Zero);
        Assert.That((await (await Apps.ReceiverAsync()).WaitForAsync(hook.Name)).Count, Is.EqualTo(1), "nothing was sent for mallory");
    }
}

/// <summary>An app whose allow-list is empty, as in production: registration refuses what the guard refuses.</summary>
public sealed class WebhookGuardTests
{
    [Test]
    public async Task Private_loopback_link_local_and_metadata_urls_are_refused_at_registration()
    {
        await using var app = await TestApp.StartAsync(Db.Sqlite, new Dictionary<string, string?> { ["Webhooks:AllowedHosts:0"] = null });
        var session = await app.RegisterAsync();
        string[] urls =
        [
            "http://127.0.0.1:9/hook", "http://localhost:9/hook", "http://[::1]:9/hook", "http://169.254.169.254/latest/meta-data/",
            "http://10.1.2.3/hook", "http://192.168.1.20/hook", "http://172.16.0.1/hook", "http://0.0.0.0/hook",
        ];
        foreach (var url in urls)
        {
            var refused = Assert.ThrowsAsync<ApiException>(() => session.Client.SendAsync(new CreateWebhookEndpoint { Url = url }));
            Assert.That((refused!.Status, refused.Type), Is.EqualTo((422, "/problems/webhook-url-refused")), url);
        }
        var ftp = Assert.ThrowsAsync<ApiException>(() => session.Client.SendAsync(new CreateWebhookEndpoint { Url = "ftp://example.com/x" }));
        Assert.That(ftp!.Status, Is.AnyOf(400, 422));
        Assert.That((await session.Client.SendAsync(new ListWebhookEndpoints())).Total, Is.Zero);
    }

    [Test]
    public async Task An_endpoint_failing_for_the_configured_time_is_disabled_and_says_why()
    {
        await using var app = await TestApp.StartAsync(Db.Sqlite, new Dictionary<string, string?>
        {
            ["Webhooks:DisableAfterFailingDays"] = "0.00002", // under two seconds
            ["Webhooks:RetryDelaysSeconds:0"] = "1",
            ["Webhooks:RetryDelaysSeconds:1"] = "1",
            ["Webhooks:RetryDelaysSeconds:2"] = "1",
            ["Webhooks:RetryDelaysSeconds:3"] = "1",
            ["Webhooks:RetryDelaysSeconds:4"] = "1",
        });
        var session = await app.RegisterAsync();
        var hook = await session.RegisterHookAsync();
        (await Apps.ReceiverAsync()).Script(hook.Name, [.. Enumerable.Repeat<HookAnswer>(new HookAnswer.Status(500), 10)]);
        await session.Client.SendAsync(new SendTestWebhook { Id = hook.Id });

        await session.WaitForDeliveryAsync(hook.Id, d => d.Status == WebhookDeliveryStatus.Failed);
        var endpoint = await session.Client.SendAsync(new GetWebhookEndpoint { Id = hook.Id });
        Assert.That(endpoint.Enabled, Is.False);
        Assert.That(endpoint.DisabledReason, Does.StartWith("Every delivery failed since"));

        var enabled = await session.Client.SendAsync(new UpdateWebhookEndpoint { Id = hook.Id, Url = hook.Url, Enabled = true });
        Assert.That((enabled.Enabled, enabled.DisabledReason, enabled.FailingSince), Is.EqualTo((true, (string?)null, (DateTimeOffset?)null)));
    }
}
