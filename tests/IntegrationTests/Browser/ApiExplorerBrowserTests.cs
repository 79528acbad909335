using Microsoft.Playwright;
using Vtis.IntegrationTests.Support;
using Vtis.ServiceModel.ApiKeys;

namespace Vtis.IntegrationTests.Browser;

/// <summary>The newcomer's path in a real browser: open the API explorer, authorize with an API key, call
/// GET /api/v1/auth/me, and see who they are. Nothing may be fetched from another host.</summary>
public sealed class ApiExplorerBrowserTests
{
    [Test]
    public async Task Newcomer_authorizes_in_the_explorer_with_an_api_key_and_calls_me()
    {
        var app = await Apps.For(Db.Sqlite);
        var session = await app.RegisterAsync();
        var key = await session.Client.SendAsync(new CreateApiKey { Name = "explorer" });

        await using var browser = await Support.Browser.LaunchAsync();
        var page = await browser.NewPageAsync();
        await page.GotoAsync(new Uri(app.BaseAddress, "api/").ToString());
        await page.GetByText("Video Text Inpainting Service").First.WaitForAsync();
        await Support.Browser.ScreenshotAsync(page, "api-explorer");

        // Open the Auth group in the sidebar, then GET /api/v1/auth/me and its request client.
        await page.GetByText("Auth", new() { Exact = true }).First.ClickAsync();
        var operation = page.Locator("[id='v1/tag/auth/GET/api/v1/auth/me']"); // sections render when scrolled to
        await page.GetByText("The signed-in user, their account").First.ClickAsync();
        await operation.GetByRole(AriaRole.Button, new() { Name = "Test Request" }).First.ClickAsync();
        var client = page.GetByRole(AriaRole.Dialog).First;
        await client.WaitForAsync();
        await Support.Browser.ScreenshotAsync(page, "api-explorer-client");

        var tokenInput = client.GetByPlaceholder("Token").First;
        await tokenInput.FillAsync(key.Key);
        await client.GetByRole(AriaRole.Button, new() { Name = "Send" }).First.ClickAsync();
        await client.GetByText(session.Email).First.WaitForAsync(new() { Timeout = 15_000 });
        await Support.Browser.ScreenshotAsync(page, "api-explorer-me");

        Assert.That(browser.BlockedRequests, Is.Empty, "the explorer must not reach other hosts");
    }
}
