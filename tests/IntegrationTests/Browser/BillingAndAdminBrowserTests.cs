using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Vtis.IntegrationTests.Support;
using Vtis.ServiceModel.Auth;
using Vtis.ServiceModel.Credits;
using Vtis.ServiceModel.Webhooks;
using Vtis.TestSupport.Stripe;

namespace Vtis.IntegrationTests.Browser;

/// <summary>Buying credits through Stripe Checkout (the Stripe fake behind the app, and Checkout's hosted page played by
/// the test: it delivers the signed event Stripe would send and sends the browser back) and the admin console, in
/// headless Chromium against the app on its embedded defaults.</summary>
[NonParallelizable]
public sealed class BillingAndAdminBrowserTests
{
    private TestApp _app = null!;
    private Support.Browser _browser = null!;

    [OneTimeSetUp]
    public async Task Start()
    {
        _app = await WebAppSteps.StartEmbeddedAppAsync();
        _browser = await Support.Browser.LaunchAsync();
    }

    [OneTimeTearDown]
    public async Task Stop()
    {
        await _browser.DisposeAsync();
        await _app.DisposeAsync();
    }

    [Test]
    public async Task Buying_a_pack_through_checkout_credits_the_balance()
    {
        var page = await _browser.NewPageAsync();
        var stripe = await Apps.StripeAsync();
        var paid = new List<string>();
        await page.RouteAsync("https://checkout.stripe.com/**", async route =>
        {
            // Checkout's page: the customer pays, Stripe signs and sends checkout.session.completed, then redirects.
            var sessionId = new Uri(route.Request.Url).Segments[^1];
            var session = stripe.Session(sessionId);
            var completed = StripeWebhooks.Event("checkout.session.completed",
                StripeWebhooks.Completed(session.DeepClone().AsObject(), StripeWebhooks.NewId("pi")));
            await _app.DeliverOkAsync(completed);
            paid.Add(sessionId);
            var back = session["success_url"]!.GetValue<string>().Replace("{CHECKOUT_SESSION_ID}", sessionId, StringComparison.Ordinal);
            await route.FulfillAsync(new() { Status = 302, Headers = new Dictionary<string, string> { ["Location"] = back } });
        });

        await page.SignUpAsync(_app);
        await page.GetByRole(AriaRole.Link, new() { Name = "Credits & billing" }).ClickAsync();
        await page.GetByRole(AriaRole.Heading, new() { Name = "Credits & billing", Level = 1 }).WaitForAsync();
        await Support.Browser.ScreenshotAsync(page, "billing");

        await page.GetByRole(AriaRole.Button, new() { Name = "Buy Starter: 50 credits" }).ClickAsync();
        await page.WaitForURLAsync(new Regex("/billing"), new() { Timeout = 20_000 });
        var message = page.GetByTestId("checkout-message");
        await Assertions.Expect(message).ToContainTextAsync("50 credits added", new() { Timeout = 30_000 });
        await Assertions.Expect(page.GetByTestId("balance-chip")).ToHaveTextAsync("60 credits");
        await Assertions.Expect(page.GetByTestId("ledger-table")).ToContainTextAsync("50");
        await Assertions.Expect(page.GetByTestId("purchases-table")).ToContainTextAsync("Starter");
        Assert.That(page.Url, Does.Not.Contain("checkout="), "the return query is consumed");
        Assert.That(paid, Has.Count.EqualTo(1));
        await Support.Browser.ScreenshotAsync(page, "billing-after-purchase");
    }

    [Test]
    public async Task Admin_finds_a_user_grants_credits_sees_the_ledger_entry_and_replays_a_webhook_delivery()
    {
        var user = await _app.RegisterAsync();
        var account = (await user.Client.SendAsync(new GetMe())).Account.Id;
        var receiver = await Apps.ReceiverAsync();
        var (hookName, url) = receiver.NewHook();
        var endpoint = await user.Client.SendAsync(new CreateWebhookEndpoint { Url = url, EventTypes = ["job.completed"] });
        receiver.Secret(hookName, endpoint.Secret);
        var test = await user.Client.SendAsync(new SendTestWebhook { Id = endpoint.Endpoint.Id });
        var delivered = await user.WaitForDeliveryAsync(endpoint.Endpoint.Id, d => d.Id == test.Id && d.Status == WebhookDeliveryStatus.Succeeded);
        int Received() => receiver.Received.Count(r => r.Hook == hookName && r.Id == delivered.MessageId);
        Assert.That(Received(), Is.EqualTo(1));

        var page = await _browser.NewPageAsync();
        await page.SignInAsync(_app, TestApp.AdminEmail, TestApp.AdminPassword);
        await page.GetByRole(AriaRole.Link, new() { Name = "Admin console" }).ClickAsync();
        await page.GetByRole(AriaRole.Heading, new() { Name = "Admin console", Level = 1 }).WaitForAsync();
        await Support.Browser.ScreenshotAsync(page, "admin-home");

        var sections = page.GetByRole(AriaRole.Navigation, new() { Name = "Admin sections" });
        await sections.GetByRole(AriaRole.Link, new() { Name = "Users", Exact = true }).ClickAsync();
        await page.GetByRole(AriaRole.Heading, new() { Name = "Users", Level = 1 }).WaitForAsync();
        await page.GetByRole(AriaRole.Searchbox, new() { Name = "Search" }).FillAsync(user.Email);
        var table = page.GetByTestId("resource-table");
        var row = table.GetByRole(AriaRole.Row, new() { NameRegex = new Regex(Regex.Escape(user.Email)) });
        await Assertions.Expect(row).ToHaveCountAsync(1);
        await Assertions.Expect(table.GetByRole(AriaRole.Row)).ToHaveCountAsync(2); // the header and the one user
        await Support.Browser.ScreenshotAsync(page, "admin-users-search");

        await row.GetByRole(AriaRole.Link).First.ClickAsync();
        await page.GetByRole(AriaRole.Heading, new() { Name = user.Email, Level = 1 }).WaitForAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Grant or deduct credits" }).ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog, new() { Name = "Grant or deduct credits" });
        await dialog.GetByLabel("Amount").FillAsync("25");
        await dialog.GetByLabel("Reason").FillAsync("Goodwill after the outage");
        await Support.Browser.ScreenshotAsync(page, "admin-grant-credits");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Grant or deduct credits" }).ClickAsync();
        await Assertions.Expect(page.GetByText("Grant or deduct credits: done")).ToBeVisibleAsync();
        Assert.That((await user.Client.SendAsync(new GetCredits())).Available, Is.EqualTo(35));

        await sections.GetByRole(AriaRole.Link, new() { Name = "Ledger", Exact = true }).ClickAsync();
        await page.GetByRole(AriaRole.Heading, new() { Name = "Ledger", Level = 1 }).WaitForAsync();
        var accountFilter = page.GetByLabel("Account id");
        await accountFilter.FillAsync(account.ToString());
        await accountFilter.PressAsync("Enter");
        var entry = table.GetByRole(AriaRole.Row, new() { NameRegex = new Regex("Goodwill after the outage") });
        await Assertions.Expect(entry).ToHaveCountAsync(1);
        await Assertions.Expect(entry).ToContainTextAsync("25");
        await Support.Browser.ScreenshotAsync(page, "admin-ledger");

        await sections.GetByRole(AriaRole.Link, new() { Name = "Webhook deliveries", Exact = true }).ClickAsync();
        await page.GetByRole(AriaRole.Heading, new() { Name = "Webhook deliveries", Level = 1 }).WaitForAsync();
        await table.GetByRole(AriaRole.Link, new() { Name = delivered.Id.ToString() }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Replay", Exact = true }).ClickAsync();
        var replay = page.GetByRole(AriaRole.Dialog, new() { Name = "Replay" });
        await replay.GetByRole(AriaRole.Button, new() { Name = "Replay", Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByText("Replay: done")).ToBeVisibleAsync();
        await Support.Browser.ScreenshotAsync(page, "admin-delivery-replayed");

        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (Received() < 2 && DateTime.UtcNow < deadline) await Task.Delay(100);
        Assert.That(Received(), Is.EqualTo(2), "the replay reached the endpoint with the same message id");

        await sections.GetByRole(AriaRole.Link, new() { Name = "System", Exact = true }).ClickAsync();
        await page.GetByRole(AriaRole.Heading, new() { Name = "System", Level = 1 }).WaitForAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Img, new() { NameRegex = new Regex("Jobs per day by status") })).ToBeVisibleAsync();
        await Support.Browser.ScreenshotAsync(page, "admin-system");

        var queue = await page.Context.RunAndWaitForPageAsync(() => page.GetByRole(AriaRole.Link, new() { Name = "Queue dashboard" }).ClickAsync());
        await Assertions.Expect(queue).ToHaveURLAsync(new Regex("/admin/queue$"), new() { Timeout = 20_000 });
        await Assertions.Expect(queue).ToHaveTitleAsync(new Regex("Queue · Video Text Inpainting Service"), new() { Timeout = 20_000 });
        await Support.Browser.ScreenshotAsync(queue, "admin-queue-dashboard");
        Assert.That(_browser.BlockedRequests, Is.Empty, "the admin console must not reach other hosts");
    }
}
