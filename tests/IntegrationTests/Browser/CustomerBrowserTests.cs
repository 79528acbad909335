using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Vtis.IntegrationTests.Support;

namespace Vtis.IntegrationTests.Browser;

/// <summary>The customer web app in headless Chromium against the app on its embedded defaults (SQLite, in-process
/// queue, local storage, the local engine doing the real work).</summary>
[NonParallelizable]
public sealed class CustomerBrowserTests
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
    public async Task Newcomer_signs_up_uploads_marks_a_region_follows_the_job_live_and_downloads_a_video()
    {
        var page = await _browser.NewPageAsync();
        var navigations = 0;
        page.FrameNavigated += (_, frame) => { if (frame == page.MainFrame) navigations++; };

        await page.SignUpAsync(_app, displayName: "Nadia");
        await page.GetByRole(AriaRole.Heading, new() { Name = "Hello, Nadia" }).WaitForAsync();
        Assert.That(await page.GetByTestId("balance-chip").TextContentAsync(), Is.EqualTo("10 credits"));
        await Support.Browser.ScreenshotAsync(page, "dashboard-new-user");

        await page.GetByRole(AriaRole.Link, new() { Name = "Upload your first video" }).ClickAsync();
        await page.GetByRole(AriaRole.Heading, new() { Name = "New job" }).WaitForAsync();
        await page.GetByTestId("file-input").SetInputFilesAsync(await TestMedia.Mp4);
        var setup = page.GetByTestId("job-setup");
        await setup.WaitForAsync(new() { Timeout = 30_000 });
        Assert.That(await page.GetByTestId("upload-item").GetAttributeAsync("data-state"), Is.EqualTo("done"));
        await Assertions.Expect(setup.GetByTestId("estimate")).ToContainTextAsync("Cost: 1 credit ·");

        // Mark the subtitle band by dragging on the still: the bottom fifth of the frame.
        await setup.GetByLabel("Clean only the regions I mark").CheckAsync();
        var canvas = setup.GetByTestId("region-canvas");
        await Assertions.Expect(canvas).ToHaveCSSAsync("background-image", new Regex("url"));
        await canvas.ScrollIntoViewIfNeededAsync();
        var box = (await canvas.BoundingBoxAsync())!;
        await page.Mouse.MoveAsync(box.X + box.Width * 0.02f, box.Y + box.Height * 0.8f);
        await page.Mouse.DownAsync();
        await page.Mouse.MoveAsync(box.X + box.Width * 0.5f, box.Y + box.Height * 0.9f, new() { Steps = 5 });
        await page.Mouse.MoveAsync(box.X + box.Width * 0.98f, box.Y + box.Height * 0.96f, new() { Steps = 5 });
        await page.Mouse.UpAsync();
        await Assertions.Expect(setup.GetByTestId("region")).ToHaveCountAsync(1);
        var label = await setup.GetByTestId("region").GetAttributeAsync("aria-label");
        Assert.That(label, Does.StartWith("Region 1: 2–98 % across, 80–96 % down"));
        await Support.Browser.ScreenshotAsync(page, "new-job-region");

        await setup.GetByRole(AriaRole.Button, new() { Name = "Remove the text" }).ClickAsync();
        await page.WaitForURLAsync(new Regex("/jobs/[0-9a-f-]{36}$"));
        var progress = page.GetByTestId("job-progress");
        var seen = new List<string>();
        seen.Add($"{await progress.GetAttributeAsync("data-status")} {await progress.GetAttributeAsync("data-progress")}");
        var navigated = navigations;

        // Status and progress arrive over SignalR: no reload, no polling by the page.
        var deadline = DateTime.UtcNow.AddSeconds(180);
        while (DateTime.UtcNow < deadline)
        {
            var state = $"{await progress.GetAttributeAsync("data-status")} {await progress.GetAttributeAsync("data-progress")}";
            if (seen[^1] != state) seen.Add(state);
            if (state.StartsWith("Completed", StringComparison.Ordinal) || state.StartsWith("Failed", StringComparison.Ordinal)) break;
            await Task.Delay(50);
        }
        Assert.That(seen[^1], Is.EqualTo("Completed 100"), string.Join(" → ", seen));
        Assert.That(seen[0], Does.StartWith("Queued").Or.StartWith("Processing"), "the page showed the job before it finished");
        Assert.That(navigations, Is.EqualTo(navigated), "the page was not reloaded");
        await Assertions.Expect(progress).ToContainTextAsync("100 %");
        await Assertions.Expect(page.GetByTestId("comparison")).ToBeVisibleAsync(new() { Timeout = 15_000 });
        await Assertions.Expect(page.GetByTestId("timeline")).ToContainTextAsync("Completed");
        await Assertions.Expect(page.GetByTestId("balance-chip")).ToHaveTextAsync("9 credits");
        await Support.Browser.ScreenshotAsync(page, "job-completed");

        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Button, new() { Name = "Download" }).ClickAsync());
        Assert.That(download.SuggestedFilename, Is.EqualTo("clip-clean.mp4"));
        var saved = Path.Combine(Path.GetTempPath(), $"web-download-{Guid.NewGuid():N}.mp4");
        await download.SaveAsAsync(saved);
        Assert.That(await TestMedia.ProbeAsync(saved), Does.Contain("h264").And.Contain("aac"), "a playable video with the original audio");
        var (frames, _) = await TestMedia.CountFramesAsync(saved);
        Assert.That(frames, Is.EqualTo((await TestMedia.CountFramesAsync(await TestMedia.Mp4)).Frames));

        await page.GetByRole(AriaRole.Link, new() { Name = "Jobs", Exact = true }).First.ClickAsync();
        var row = page.GetByTestId("job-row");
        await Assertions.Expect(row).ToHaveCountAsync(1);
        await Assertions.Expect(row).ToContainTextAsync("Completed");
        await Support.Browser.ScreenshotAsync(page, "jobs-list");

        await row.GetByRole(AriaRole.Button, new() { Name = "Delete clip" }).ClickAsync();
        var confirm = page.GetByRole(AriaRole.Dialog, new() { Name = "Delete this job?" });
        await confirm.GetByRole(AriaRole.Button, new() { Name = "Delete", Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByText("No jobs yet.")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("balance-chip")).ToHaveTextAsync("9 credits"); // the ledger keeps the charge
        Assert.That(_browser.BlockedRequests, Is.Empty, "the app must not reach other hosts");
    }

    [Test]
    public async Task Refused_files_are_explained_before_anything_is_sent()
    {
        var page = await _browser.NewPageAsync();
        await page.SignUpAsync(_app);
        await page.GotoAsync(_app, "new");
        var notes = Path.Combine(Path.GetTempPath(), "meeting-notes.txt");
        await File.WriteAllTextAsync(notes, "not a video");
        var uploads = 0;
        page.Request += (_, request) => { if (request.Url.Contains("/uploads/presign", StringComparison.Ordinal)) uploads++; };

        await page.GetByTestId("file-input").SetInputFilesAsync(notes);

        var item = page.GetByTestId("upload-item");
        await Assertions.Expect(item).ToHaveAttributeAsync("data-state", "rejected");
        await Assertions.Expect(item).ToContainTextAsync("Not an MP4, MOV or AVI video");
        Assert.That(uploads, Is.EqualTo(0));

        // A file named .mp4 that is not a video is sent, and the server's RFC 7807 answer is shown in words.
        await page.GetByTestId("file-input").SetInputFilesAsync(TestMedia.TextRenamedMp4());
        var refused = page.GetByTestId("upload-item").Last;
        await Assertions.Expect(refused).ToHaveAttributeAsync("data-state", "failed", new() { Timeout = 20_000 });
        Assert.That(await refused.TextContentAsync(), Does.Not.Contain("Request failed"));
        await Support.Browser.ScreenshotAsync(page, "upload-refused");
    }

    [Test]
    public async Task A_plain_user_gets_no_admin_console()
    {
        var page = await _browser.NewPageAsync();
        await page.SignUpAsync(_app);
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Admin console" })).ToHaveCountAsync(0);

        await page.GotoAsync(_app, "admin/resources/users");
        await Assertions.Expect(page.GetByText("The admin console is for administrators.")).ToBeVisibleAsync();
        Assert.That(await page.GetByTestId("resource-table").CountAsync(), Is.EqualTo(0));
        await Support.Browser.ScreenshotAsync(page, "admin-refused");
    }

    [Test]
    public async Task The_app_works_at_390_pixels_wide()
    {
        var page = await _browser.NewPageAsync(390, 844);
        await page.SignUpAsync(_app);
        await page.AssertNoHorizontalOverflowAsync();
        await Support.Browser.ScreenshotAsync(page, "dashboard-390");

        await page.GetByRole(AriaRole.Button, new() { Name = "Open navigation" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "New job" }).ClickAsync();
        await page.GetByRole(AriaRole.Heading, new() { Name = "New job" }).WaitForAsync();
        await page.AssertNoHorizontalOverflowAsync();

        foreach (var path in new[] { "jobs", "billing", "developers", "account" })
        {
            await page.GotoAsync(_app, path);
            await page.GetByRole(AriaRole.Heading, new() { Level = 1 }).WaitForAsync();
            await page.AssertNoHorizontalOverflowAsync();
            await Support.Browser.ScreenshotAsync(page, $"{path}-390");
        }
    }

    [Test]
    public async Task Every_form_is_usable_with_the_keyboard()
    {
        var page = await _browser.NewPageAsync();
        await page.GotoAsync(_app, "signup");
        await page.Keyboard.TypeAsync($"keys-{Guid.NewGuid():N}@example.test"); // the email field has focus
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.TypeAsync("correct-horse-1");
        await page.Keyboard.PressAsync("Enter");
        await page.GetByTestId("balance-chip").WaitForAsync();

        // Every input on the signed-in pages has an accessible name.
        foreach (var path in new[] { "new", "jobs", "billing", "developers", "account" })
        {
            await page.GotoAsync(_app, path);
            await page.GetByRole(AriaRole.Heading, new() { Level = 1 }).WaitForAsync();
            await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
            var unnamed = await page.EvaluateAsync<string[]>("""
                Array.from(document.querySelectorAll('input:not([type=hidden]):not([hidden]), select, textarea'))
                  .filter(el => !(el.labels && el.labels.length) && !el.getAttribute('aria-label') && !el.getAttribute('aria-labelledby')
                                && !el.closest('[aria-hidden=true]') && el.getAttribute('aria-hidden') !== 'true')
                  .map(el => el.outerHTML.slice(0, 120))
                """);
            Assert.That(unnamed, Is.Empty, $"inputs without a label on /{path}");
        }
    }
}
