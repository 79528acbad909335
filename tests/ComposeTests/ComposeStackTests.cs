using System.Diagnostics;
using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Vtis.Client;
using Vtis.IntegrationTests.Support;
using Vtis.ServiceModel.Auth;
using Vtis.ServiceModel.Jobs;
using Vtis.ServiceModel.Uploads;

namespace Vtis.ComposeTests;

/// <summary>docker-compose.yml's stack as it runs: the Caddy proxy, 2 app and 2 worker replicas of the one image,
/// PostgreSQL, Redis and the S3 store, each in its container on the compose network. The tests run in order: the
/// last ones stop and start replicas.</summary>
[NonParallelizable]
public sealed class ComposeStackTests
{
    private static readonly HttpClient Http = new(new HttpClientHandler { AllowAutoRedirect = false }) { Timeout = TimeSpan.FromSeconds(30) };

    [Test, Order(1)]
    public async Task Every_service_is_healthy_with_two_app_and_two_worker_replicas_behind_the_proxy()
    {
        foreach (var (service, replicas) in new[] { ("app", 2), ("worker", 2), ("postgres", 1), ("redis", 1), ("minio", 1) })
        {
            var containers = await Stack.ContainersAsync(service);
            Assert.That(containers, Has.Count.EqualTo(replicas), service);
            Assert.That(containers.Select(c => c.Health), Is.All.EqualTo("healthy"), string.Join("; ", containers));
        }
        Assert.That((await Stack.ContainersAsync("proxy")).Single().Status, Is.EqualTo("running"));

        using var ready = await Http.GetAsync(new Uri(Stack.ProxyUrl, "health/ready"));
        Assert.That(ready.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        using var home = await Http.GetAsync(Stack.ProxyUrl);
        Assert.That(await home.Content.ReadAsStringAsync(), Does.Contain("<div id=\"root\">"), "the web app through the proxy");
        // Metrics: never through the proxy; on the compose network (the host's bridge address is inside it) they are.
        using var outside = await Http.GetAsync(new Uri(Stack.ProxyUrl, "metrics"));
        Assert.That(outside.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        var app = (await Stack.ContainersAsync("app"))[0];
        var metrics = await Http.GetStringAsync(new Uri(app.Url, "metrics"));
        Assert.That(metrics, Does.Contain("vtis_queue_workers"));
    }

    [Test, Order(2)]
    public async Task Tokens_uploads_and_signed_links_of_one_replica_work_on_the_other()
    {
        var apps = await Stack.ContainersAsync("app");
        using var first = new VtisClient(apps[0].Url);
        using var second = new VtisClient(apps[1].Url);

        var tokens = await SignUpAsync(first);
        second.BearerToken = tokens.AccessToken;
        var me = await second.SendAsync(new GetMe());
        Assert.That(me.Credits.Balance, Is.EqualTo(10), "signed up on the first replica, known to the second");
        var refreshed = await second.SendAsync(new RefreshTokens { RefreshToken = tokens.RefreshToken });
        first.BearerToken = refreshed.AccessToken;

        // Upload straight to the S3 store with a URL the first replica signed; the second completes it.
        var clip = await TestMedia.Mp4;
        var presigned = await first.SendAsync(new PresignUpload { FileName = "clip.mp4", Size = new FileInfo(clip).Length, ContentType = "video/mp4" });
        Assert.That(new Uri(presigned.Url).Authority, Is.Not.EqualTo(apps[0].Url.Authority), "the bytes go to storage, not to a replica");
        using (var put = new HttpRequestMessage(HttpMethod.Put, presigned.Url) { Content = new ByteArrayContent(await File.ReadAllBytesAsync(clip)) })
        {
            foreach (var (name, value) in presigned.Headers)
                if (!put.Headers.TryAddWithoutValidation(name, value)) put.Content.Headers.TryAddWithoutValidation(name, value);
            using var stored = await Http.SendAsync(put);
            Assert.That(stored.IsSuccessStatusCode, Is.True, $"PUT {presigned.Url}: {(int)stored.StatusCode} {await stored.Content.ReadAsStringAsync()}");
        }
        var upload = await second.SendAsync(new CompleteUpload { Id = presigned.UploadId });
        Assert.That(upload.Status, Is.EqualTo(UploadStatus.Ready), "the second replica validated the stored bytes");

        var job = await second.SendAsync(new SubmitJob { UploadId = upload.Id }, Guid.NewGuid().ToString());
        var done = await first.WaitForEndAsync(job.Id, seconds: 240);
        Assert.That(done.Status, Is.EqualTo(JobStatus.Completed), $"{done.Error?.Code} {done.Error?.Message}");
        Assert.That(done.Processor, Is.EqualTo(ProcessorKind.Local), "no GhostCut keys: the built-in engine did the work");

        var link = await second.SendAsync(new DownloadJob { Id = job.Id, Redirect = false });
        var saved = Path.Combine(Path.GetTempPath(), $"compose-{job.Id:N}.mp4");
        await File.WriteAllBytesAsync(saved, await Http.GetByteArrayAsync(link.Url));
        Assert.That(await TestMedia.ProbeAsync(saved), Does.Contain("h264").And.Contain("aac"));
        Assert.That((await TestMedia.CountFramesAsync(saved)).Frames, Is.EqualTo((await TestMedia.CountFramesAsync(clip)).Frames));

        var after = await first.SendAsync(new GetMe());
        Assert.That((after.Credits.Balance, after.Credits.Reserved), Is.EqualTo((10 - done.EstimatedCredits, 0L)), "charged once, nothing held");
    }

    [Test, Order(3)]
    public async Task A_newcomer_signs_up_uploads_follows_the_job_live_and_downloads_through_the_proxy()
    {
        await using var browser = await Browser.LaunchAsync();
        var page = await browser.NewPageAsync();
        await page.GotoAsync(new Uri(Stack.ProxyUrl, "signup").ToString());
        await page.GetByLabel("Email").FillAsync($"compose-web-{Guid.NewGuid():N}@example.test");
        await page.GetByLabel("Password").FillAsync("correct-horse-1");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign up", Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("balance-chip")).ToHaveTextAsync("10 credits");

        await page.GetByRole(AriaRole.Link, new() { Name = "Upload your first video" }).ClickAsync();
        await page.GetByTestId("file-input").SetInputFilesAsync(await TestMedia.Mp4);
        var setup = page.GetByTestId("job-setup");
        await setup.WaitForAsync(new() { Timeout = 60_000 });
        await Browser.ScreenshotAsync(page, "compose-new-job");
        await setup.GetByRole(AriaRole.Button, new() { Name = "Remove the text" }).ClickAsync();
        await page.WaitForURLAsync(new Regex("/jobs/[0-9a-f-]{36}$"));

        // Live over SignalR: the page connected to one app replica; the worker's progress reaches it through Redis.
        var progress = page.GetByTestId("job-progress");
        await Assertions.Expect(progress).ToHaveAttributeAsync("data-status", "Completed", new() { Timeout = 240_000 });
        await Assertions.Expect(page.GetByTestId("comparison")).ToBeVisibleAsync(new() { Timeout = 15_000 });
        await Assertions.Expect(page.GetByTestId("balance-chip")).ToHaveTextAsync("9 credits");
        await Browser.ScreenshotAsync(page, "compose-job-completed");

        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Button, new() { Name = "Download" }).ClickAsync());
        var saved = Path.Combine(Path.GetTempPath(), $"compose-web-{Guid.NewGuid():N}.mp4");
        await download.SaveAsAsync(saved);
        Assert.That(await TestMedia.ProbeAsync(saved), Does.Contain("h264").And.Contain("aac"));
        Assert.That(browser.BlockedRequests, Is.Empty, "the page reached only the proxy and the storage");
    }

    [Test, Order(4)]
    public async Task An_app_replica_stopped_with_SIGTERM_drains_while_the_proxy_keeps_answering()
    {
        using var client = new VtisClient(Stack.ProxyUrl) { MaxRetries = 0 };
        client.BearerToken = (await SignUpAsync(client)).AccessToken;
        var victim = (await Stack.ContainersAsync("app"))[0];

        using var stop = new CancellationTokenSource();
        var answers = new List<string>();
        async Task Load()
        {
            while (!stop.IsCancellationRequested)
            {
                string answer;
                try
                {
                    await client.SendAsync(new ListJobs());
                    answer = "ok";
                }
                catch (Exception e) { answer = $"{e.GetType().Name}: {e.Message}"; }
                lock (answers) answers.Add(answer);
            }
        }
        var load = Enumerable.Range(0, 4).Select(_ => Task.Run(Load)).ToList();
        await Task.Delay(2000);
        var stopping = Stopwatch.StartNew();
        await Stack.DockerAsync("stop", "--time", "40", victim.Name);
        stopping.Stop();
        await Task.Delay(3000);
        stop.Cancel();
        await Task.WhenAll(load);

        var stopped = await Stack.InspectAsync(victim.Name);
        TestContext.Out.WriteLine($"{victim.Name} stopped in {stopping.Elapsed.TotalSeconds:F1} s; {answers.Count} requests through the proxy meanwhile");
        Assert.That((stopped.Status, stopped.ExitCode), Is.EqualTo(("exited", 0)), "it shut down by itself within the grace period (not killed)");
        Assert.That(answers.Where(a => a != "ok").GroupBy(a => a).Select(g => $"{g.Count()} x {g.Key}"), Is.Empty);
        Assert.That(answers, Has.Count.GreaterThan(20));

        await Stack.DockerAsync("start", victim.Name);
        await Stack.WaitHealthyAsync(victim.Name);
    }

    [Test, Order(5)]
    public async Task A_worker_stopped_with_SIGTERM_during_a_job_finishes_it_or_hands_it_back()
    {
        using var client = new VtisClient(Stack.ProxyUrl);
        client.BearerToken = (await SignUpAsync(client)).AccessToken;
        UploadInfo upload;
        await using (var file = File.OpenRead(await TestMedia.TwentySeconds))
            upload = await client.UploadAsync(new UploadVideo(), file, "twenty.mp4", "video/mp4");
        var job = await client.SendAsync(new SubmitJob { UploadId = upload.Id }, Guid.NewGuid().ToString());
        await client.WaitForAsync(job.Id, j => j.Status == JobStatus.Processing && j.ProgressPercentage > 0, seconds: 120);

        // The engine decodes and encodes through ffmpeg child processes: the worker running them holds the job.
        string? holder = null;
        foreach (var worker in await Stack.ContainersAsync("worker"))
            if ((await Stack.DockerAsync("top", worker.Name)).Contains("ffmpeg", StringComparison.Ordinal)) holder = worker.Name;
        Assert.That(holder, Is.Not.Null, "a worker runs ffmpeg for the job");
        var stopping = Stopwatch.StartNew();
        await Stack.DockerAsync("stop", "--time", "40", holder!);
        stopping.Stop();
        var stopped = await Stack.InspectAsync(holder!);
        TestContext.Out.WriteLine($"{holder} stopped in {stopping.Elapsed.TotalSeconds:F1} s");
        Assert.That((stopped.Status, stopped.ExitCode), Is.EqualTo(("exited", 0)), "it shut down by itself within the grace period");

        var done = await client.WaitForEndAsync(job.Id, seconds: 240);
        Assert.That(done.Status, Is.EqualTo(JobStatus.Completed), $"{done.Error?.Code} {done.Error?.Message}");
        var me = await client.SendAsync(new GetMe());
        Assert.That((me.Credits.Balance, me.Credits.Reserved), Is.EqualTo((10 - done.EstimatedCredits, 0L)), "charged once, nothing held");

        await Stack.DockerAsync("start", holder!);
        await Stack.WaitHealthyAsync(holder!);
    }

    private static Task<AuthTokens> SignUpAsync(VtisClient client) =>
        client.SendAsync(new Register { Email = $"compose-{Guid.NewGuid():N}@example.test", Password = "correct-horse-1" });
}
