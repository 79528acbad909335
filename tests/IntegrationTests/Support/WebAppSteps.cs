using Microsoft.Playwright;

namespace Vtis.IntegrationTests.Support;

/// <summary>Steps of browser tests against the web app.</summary>
public static class WebAppSteps
{
    /// <summary>The app on its embedded defaults: SQLite, the in-process queue, local file storage and the local engine
    /// (no GhostCut keys), with the Stripe fake so buying works. The caller disposes it.</summary>
    public static Task<TestApp> StartEmbeddedAppAsync() => TestApp.StartAsync(Db.Sqlite, new Dictionary<string, string?>
    {
        ["ConnectionStrings:Redis"] = null,
        ["GhostCut:ApiKey"] = null,
        ["GhostCut:AppSecret"] = null,
    });

    public static Task GotoAsync(this IPage page, TestApp app, string path) =>
        page.GotoAsync(new Uri(app.BaseAddress, path).ToString());

    /// <summary>Signs up through the form and waits for the signed-in frame.</summary>
    public static async Task<string> SignUpAsync(this IPage page, TestApp app, string? displayName = null)
    {
        var email = $"web-{Guid.NewGuid():N}@example.test";
        await page.GotoAsync(app, "signup");
        await page.GetByLabel("Email").FillAsync(email);
        if (displayName is not null) await page.GetByLabel("Your name (optional)").FillAsync(displayName);
        await page.GetByLabel("Password").FillAsync("correct-horse-1");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign up", Exact = true }).ClickAsync();
        await page.GetByTestId("balance-chip").WaitForAsync();
        return email;
    }

    public static async Task SignInAsync(this IPage page, TestApp app, string email, string password)
    {
        await page.GotoAsync(app, "signin");
        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByLabel("Password").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in", Exact = true }).ClickAsync();
        await page.GetByTestId("balance-chip").WaitForAsync();
    }

    /// <summary>Page content never wider than the window (no sideways scrolling of the whole page).</summary>
    public static async Task AssertNoHorizontalOverflowAsync(this IPage page)
    {
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        var report = await page.EvaluateAsync<string>("""
            (() => {
              const root = document.documentElement, width = root.clientWidth;
              if (root.scrollWidth <= width) return '';
              const wide = Array.from(document.querySelectorAll('body *'))
                .filter(el => el.getBoundingClientRect().right > width + 1 || el.scrollWidth > width + 1)
                .slice(-6).map(el => `${el.tagName.toLowerCase()}[${String(el.className).slice(0, 60)}] right=${Math.round(el.getBoundingClientRect().right)} sw=${el.scrollWidth}`);
              return `${root.scrollWidth} px wide in a ${width} px window; widest: ${wide.join(' | ')}`;
            })()
            """);
        Assert.That(report, Is.Empty, page.Url);
    }
}
