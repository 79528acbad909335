using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Vtis.Client;
using Vtis.IntegrationTests.Support;
using Vtis.ServiceModel.Credits;
using Vtis.ServiceModel.Jobs;
using Vtis.TestSupport;

namespace Vtis.IntegrationTests;

/// <summary>Jobs end to end through the HTTP API, the queue, GhostCut's protocol (simulated) and real ffmpeg.</summary>
public sealed class JobPipelineTests(Db db) : ApiTest(db)
{
    private GhostCutSimulator Simulator { get; set; } = null!;

    [OneTimeSetUp]
    public async Task FindSimulator() => Simulator = await Apps.SimulatorAsync();

    private async Task<(Session Session, Guid UploadId)> UploadAsync(GhostCutWorkScenario? scenario = null)
    {
        var session = await App.RegisterAsync();
        var upload = await session.UploadAsync(await TestMedia.Mp4);
        if (scenario is not null) Simulator.Behavior.ForUrlContaining(upload.Id.ToString("N"), scenario);
        return (session, upload.Id);
    }

    [Test]
    public async Task Happy_path_by_callback_charges_once_and_serves_a_real_video()
    {
        var (session, uploadId) = await UploadAsync();
        var estimate = await session.Client.SendAsync(new EstimateJob { UploadId = uploadId });
        Assert.That(estimate.Credits, Is.EqualTo(1));
        Assert.That(estimate.Sufficient, Is.True);

        var job = await session.Client.SendAsync(new SubmitJob
        {
            UploadId = uploadId,
            Config = new ProcessingConfig { Regions = [new CleanRegion { X0 = 0, Y0 = 0.75, X1 = 1, Y1 = 1 }] },
        });
        Assert.That(job.Status, Is.EqualTo(JobStatus.Queued));
        Assert.That(job.Processor, Is.EqualTo(ProcessorKind.GhostCut));
        Assert.That((await session.Client.SendAsync(new GetCredits())).Reserved, Is.EqualTo(1));

        var done = await session.WaitForEndAsync(job.Id);
        Assert.That(done.Status, Is.EqualTo(JobStatus.Completed), done.Error?.Message);
        Assert.That(done.ProgressPercentage, Is.EqualTo(100));
        Assert.That(done.ActualCreditsUsed, Is.EqualTo(1));

        var credits = await session.Client.SendAsync(new GetCredits());
        Assert.That((credits.Balance, credits.Reserved, credits.Available), Is.EqualTo((9L, 0L, 9L)));
        var ledger = await session.Client.SendAsync(new ListLedger());
        Assert.That(ledger.Items.Select(e => e.Kind), Is.EqualTo(new[] { "charge", "reserve", "grant" }));

        using var response = await session.Client.SendForResponseAsync(new DownloadJob { Id = job.Id });
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Found));
        var file = Path.Combine(Path.GetTempPath(), $"{job.Id:N}.mp4");
        using (var http = App.NewHttpClient())
            await File.WriteAllBytesAsync(file, await http.GetByteArrayAsync(response.Headers.Location));
        Assert.That(await TestMedia.ProbeAsync(file), Does.Contain("mov,mp4").And.Contain("h264"));
        using var linkOnly = await session.Client.SendForResponseAsync(new DownloadJob { Id = job.Id, Redirect = false });
        Assert.That(linkOnly.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(linkOnly.Headers.Location, Is.Null);
        var link = (await linkOnly.Content.ReadFromJsonAsync<DownloadLink>())!;
        using (var http = App.NewHttpClient())
            Assert.That((await http.GetByteArrayAsync(link.Url)).Length, Is.EqualTo(new FileInfo(file).Length));

        var events = await session.Client.SendAsync(new GetJobEvents { Id = job.Id });
        Assert.That(events.First().Kind, Is.EqualTo("queued"));
        Assert.That(events.Last().Kind, Is.EqualTo("completed"));
        Assert.That(events.Select(e => e.Kind), Does.Contain("started"));
        Assert.That(events.Select(e => e.At), Is.Ordered);
        var stranger = await App.RegisterAsync();
        Assert.That(Assert.ThrowsAsync<ApiException>(() => stranger.Client.SendAsync(new GetJobEvents { Id = job.Id }))!.Status, Is.EqualTo(404));

        var callbacks = await App.WithDatabaseAsync(d => d.GhostCutCallbacks.Where(c => c.JobId == job.Id).ToListAsync());
        Assert.That(callbacks, Has.Count.GreaterThanOrEqualTo(1));
        Assert.That(callbacks.All(c => c.SignatureValid), Is.True);
        await App.AssertLedgerInvariantsAsync(session);
    }

    [Test]
    public async Task Repeated_callbacks_arriving_at_once_are_each_answered_and_change_nothing()
    {
        var (session, uploadId) = await UploadAsync();
        var job = await session.Client.SendAsync(new SubmitJob { UploadId = uploadId });
        var done = await session.WaitForEndAsync(job.Id);
        Assert.That(done.Status, Is.EqualTo(JobStatus.Completed), done.Error?.Message);
        var simulator = await Apps.SimulatorAsync();
        var token = await App.WithDatabaseAsync(d => d.Jobs.Where(j => j.Id == job.Id).Select(j => j.CallbackToken).SingleAsync());
        var sent = simulator.CallbackAttempts.Last(a => a.Accepted && a.Url.Contains(token!, StringComparison.Ordinal));

        using var http = App.NewHttpClient();
        var answers = await Task.WhenAll(Enumerable.Range(0, 40).Select(async _ =>
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, sent.Url) { Content = new StringContent(sent.Body, System.Text.Encoding.UTF8, "application/json") };
            request.Headers.TryAddWithoutValidation("Callback-Sign", sent.Signature);
            using var response = await http.SendAsync(request);
            return $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}";
        }));

        Assert.That(answers, Is.All.EqualTo("200 ok"));
        // Each stored copy reaches the queue (off the request) and is processed as the duplicate it is.
        // (The first, GhostCut's own, completed the job unless a poll got there first.)
        var outcomes = await WaitForCallbacksProcessedAsync(job.Id, expected: 41);
        Assert.That(outcomes.Count(o => o == "ignored: job already completed"), Is.GreaterThanOrEqualTo(40), string.Join(", ", outcomes));
        Assert.That(outcomes, Is.All.AnyOf("completed", "ignored: job already completed"));
        var after = await session.Client.SendAsync(new GetJob { Id = job.Id });
        Assert.That((after.Status, after.ActualCreditsUsed), Is.EqualTo((JobStatus.Completed, 1L)));
        await App.AssertLedgerInvariantsAsync(session);
    }

    [Test]
    public async Task A_stored_callback_whose_message_was_lost_is_queued_again_by_the_sweep()
    {
        var (session, uploadId) = await UploadAsync();
        var job = await session.Client.SendAsync(new SubmitJob { UploadId = uploadId });
        Assert.That((await session.WaitForEndAsync(job.Id)).Status, Is.EqualTo(JobStatus.Completed));
        var token = await App.WithDatabaseAsync(d => d.Jobs.Where(j => j.Id == job.Id).Select(j => j.CallbackToken).SingleAsync());
        var sent = Simulator.CallbackAttempts.Last(a => a.Accepted && a.Url.Contains(token!, StringComparison.Ordinal));

        // Rows as the endpoint stores them, whose queue message never came (the replica stopped, Redis restarted):
        // one from a minute ago, one older than a job may live.
        var now = DateTimeOffset.UtcNow;
        var rows = new[] { TimeSpan.FromMinutes(1), TimeSpan.FromDays(2) }.Select(age => new Vtis.ServiceInterface.Data.GhostCutCallback
        {
            Token = token!, JobId = job.Id, Body = sent.Body, SignatureValid = true, ReceivedAt = now - age,
        }).ToList();
        await App.WithDatabaseAsync(d =>
        {
            d.GhostCutCallbacks.AddRange(rows);
            return d.SaveChangesAsync();
        });

        await WaitForCallbacksProcessedAsync(job.Id, expected: 3);
        var outcomes = await App.WithDatabaseAsync(d => d.GhostCutCallbacks.AsNoTracking().Where(c => c.Id == rows[0].Id || c.Id == rows[1].Id)
            .OrderBy(c => c.Id).Select(c => new { c.Outcome, Requeued = c.RequeuedAt != null }).ToListAsync());
        Assert.That(outcomes.Select(o => (o.Outcome, o.Requeued)), Is.EqualTo(new[]
        {
            ("ignored: job already completed", true), // queued again by the sweep and processed as the duplicate it is
            ("abandoned: never processed", false), // older than a job may live: closed, not queued
        }));
        Assert.That((await session.Client.SendAsync(new GetJob { Id = job.Id })).ActualCreditsUsed, Is.EqualTo(1));
        await App.AssertLedgerInvariantsAsync(session);
    }

    private async Task<List<string?>> WaitForCallbacksProcessedAsync(Guid jobId, int expected)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var rows = await App.WithDatabaseAsync(d => d.GhostCutCallbacks.AsNoTracking().Where(c => c.JobId == jobId)
                .Select(c => new { c.ProcessedAt, c.Outcome }).ToListAsync());
            if (rows.Count == expected && rows.All(r => r.ProcessedAt is not null)) return [.. rows.Select(r => r.Outcome)];
            if (DateTime.UtcNow > deadline)
                Assert.Fail($"{rows.Count(r => r.ProcessedAt is not null)} of {rows.Count} callbacks processed (expected {expected})");
            await Task.Delay(200);
        }
    }

    [Test]
    public async Task Without_a_callback_polling_completes_the_job()
    {
        var (session, uploadId) = await UploadAsync(new GhostCutWorkScenario { NoCallback = true });
        var job = await session.Client.SendAsync(new SubmitJob { UploadId = uploadId });

        var done = await session.WaitForEndAsync(job.Id);

        Assert.That(done.Status, Is.EqualTo(JobStatus.Completed), done.Error?.Message);
        Assert.That(await App.WithDatabaseAsync(d => d.GhostCutCallbacks.CountAsync(c => c.JobId == job.Id)), Is.Zero);
        await App.AssertLedgerInvariantsAsync(session);
    }

    [Test]
    public async Task Duplicate_callbacks_complete_and_charge_once()
    {
        var (session, uploadId) = await UploadAsync(new GhostCutWorkScenario { CallbackCopies = 3 });
        var job = await session.Client.SendAsync(new SubmitJob { UploadId = uploadId });

        Assert.That((await session.WaitForEndAsync(job.Id)).Status, Is.EqualTo(JobStatus.Completed));
        await Task.Delay(1500); // let the copies arrive and be processed

        var ledger = await session.Client.SendAsync(new ListLedger());
        Assert.That(ledger.Items.Count(e => e.Kind == "charge"), Is.EqualTo(1));
        var callbacks = await App.WithDatabaseAsync(d => d.GhostCutCallbacks.Where(c => c.JobId == job.Id).ToListAsync());
        Assert.That(callbacks, Has.Count.EqualTo(3));
        await App.AssertLedgerInvariantsAsync(session);
    }

    [Test]
    public async Task A_failed_work_fails_the_job_in_plain_words_and_releases_credits()
    {
        var (session, uploadId) = await UploadAsync(GhostCutWorkScenario.Fail(16));
        var job = await session.Client.SendAsync(new SubmitJob { UploadId = uploadId });

        var done = await session.WaitForEndAsync(job.Id);

        Assert.That(done.Status, Is.EqualTo(JobStatus.Failed));
        Assert.That(done.Error!.Code, Is.EqualTo("ghostcut-16"));
        Assert.That(done.Error.Message, Does.Contain("corrupt"));
        Assert.That((await session.Client.SendAsync(new GetCredits())).Available, Is.EqualTo(10));
        Assert.That(Assert.ThrowsAsync<ApiException>(() => session.Client.SendAsync(new DownloadJob { Id = job.Id }))!.Status, Is.EqualTo(409));
        await App.AssertLedgerInvariantsAsync(session);
    }

    [Test]
    public async Task A_cancelled_job_ignores_its_late_callback_and_is_not_charged()
    {
        var (session, uploadId) = await UploadAsync(new GhostCutWorkScenario { CallbackDelay = TimeSpan.FromSeconds(3) });
        var job = await session.Client.SendAsync(new SubmitJob { UploadId = uploadId });
        await session.WaitForAsync(job.Id, j => j.Status == JobStatus.Processing);

        var cancelled = await session.Client.SendAsync(new CancelJob { Id = job.Id });
        Assert.That(cancelled.Status, Is.EqualTo(JobStatus.Cancelled));
        Assert.That(Assert.ThrowsAsync<ApiException>(() => session.Client.SendAsync(new CancelJob { Id = job.Id }))!.Status, Is.EqualTo(409));

        await WaitUntilAsync(() => App.WithDatabaseAsync(d => d.GhostCutCallbacks.AnyAsync(c => c.JobId == job.Id && c.ProcessedAt != null)));
        var after = await session.Client.SendAsync(new GetJob { Id = job.Id });
        Assert.That(after.Status, Is.EqualTo(JobStatus.Cancelled));
        var outcome = await App.WithDatabaseAsync(d => d.GhostCutCallbacks.Where(c => c.JobId == job.Id).Select(c => c.Outcome).FirstAsync());
        Assert.That(outcome, Does.StartWith("ignored"));
        Assert.That((await session.Client.SendAsync(new GetCredits())).Available, Is.EqualTo(10));
        await App.AssertLedgerInvariantsAsync(session);
    }

    [Test]
    public async Task The_same_idempotency_key_answers_the_same_job_and_reserves_once()
    {
        var (session, uploadId) = await UploadAsync();
        var first = await session.Client.SendAsync(new SubmitJob { UploadId = uploadId }, "order-42");
        var again = await session.Client.SendAsync(new SubmitJob { UploadId = uploadId }, "order-42");

        Assert.That(again.Id, Is.EqualTo(first.Id));
        Assert.That((await App.WithDatabaseAsync(d => d.Jobs.CountAsync(j => j.UploadId == uploadId))), Is.EqualTo(1));

        var other = await session.UploadAsync(await TestMedia.Mp4);
        var reused = Assert.ThrowsAsync<ApiException>(() => session.Client.SendAsync(new SubmitJob { UploadId = other.Id }, "order-42"));
        Assert.That(reused!.Status, Is.EqualTo(409));
        await session.WaitForEndAsync(first.Id);
        await App.AssertLedgerInvariantsAsync(session);
    }

    [Test]
    public async Task Concurrent_submits_never_spend_more_than_the_balance()
    {
        var (session, uploadId) = await UploadAsync(new GhostCutWorkScenario { NoCallback = true });
        var attempts = Enumerable.Range(0, 50).Select(async _ =>
        {
            try
            {
                return (await session.Client.SendAsync(new SubmitJob { UploadId = uploadId })).Id;
            }
            catch (ApiException e) when (e.Status == 402)
            {
                return Guid.Empty;
            }
        });
        var results = await Task.WhenAll(attempts);

        Assert.That(results.Count(id => id != Guid.Empty), Is.EqualTo(10), "10 credits buy exactly 10 one-credit jobs");
        var credits = await session.Client.SendAsync(new GetCredits());
        Assert.That((credits.Reserved + (10 - credits.Balance)), Is.EqualTo(10));
        Assert.That(credits.Available, Is.Zero);

        var refused = Assert.ThrowsAsync<ApiException>(() => session.Client.SendAsync(new SubmitJob { UploadId = uploadId }));
        Assert.That(refused!.Status, Is.EqualTo(402));
        Assert.That(refused.Type, Is.EqualTo("/problems/insufficient-credits"));

        foreach (var id in results.Where(id => id != Guid.Empty))
        {
            try { await session.Client.SendAsync(new CancelJob { Id = id }); }
            catch (ApiException e) when (e.Status == 409) { /* already finished */ }
        }

        await App.AssertLedgerInvariantsAsync(session);
    }

    [Test]
    public async Task Another_tenants_job_is_404_for_every_operation()
    {
        var (alice, uploadId) = await UploadAsync();
        var job = await alice.Client.SendAsync(new SubmitJob { UploadId = uploadId });
        var mallory = await App.RegisterAsync();

        Assert.That(Assert.ThrowsAsync<ApiException>(() => mallory.Client.SendAsync(new GetJob { Id = job.Id }))!.Status, Is.EqualTo(404));
        Assert.That(Assert.ThrowsAsync<ApiException>(() => mallory.Client.SendAsync(new CancelJob { Id = job.Id }))!.Status, Is.EqualTo(404));
        Assert.That(Assert.ThrowsAsync<ApiException>(() => mallory.Client.SendAsync(new DownloadJob { Id = job.Id }))!.Status, Is.EqualTo(404));
        Assert.That(Assert.ThrowsAsync<ApiException>(() => mallory.Client.SendAsync(new DeleteJob { Id = job.Id }))!.Status, Is.EqualTo(404));
        Assert.That(Assert.ThrowsAsync<ApiException>(() => mallory.Client.SendAsync(new SubmitJob { UploadId = uploadId }))!.Status, Is.EqualTo(404));
        Assert.That((await mallory.Client.SendAsync(new ListJobs())).Items, Is.Empty);
        await alice.WaitForEndAsync(job.Id);
    }

    [Test]
    public async Task Jobs_are_listed_newest_first_with_filters_and_deleted_jobs_keep_their_ledger()
    {
        var (session, uploadId) = await UploadAsync();
        var first = await session.Client.SendAsync(new SubmitJob { UploadId = uploadId, DisplayName = "Holiday video" });
        var second = await session.Client.SendAsync(new SubmitJob { UploadId = uploadId, DisplayName = "Lecture" });
        var third = await session.Client.SendAsync(new SubmitJob { UploadId = uploadId, DisplayName = "Promo 100%_final" });
        await session.WaitForEndAsync(first.Id);
        await session.WaitForEndAsync(second.Id);
        await session.WaitForEndAsync(third.Id);

        var all = await session.Client.SendAsync(new ListJobs());
        Assert.That(all.Items.Select(j => j.Id), Is.EqualTo(new[] { third.Id, second.Id, first.Id }));
        Assert.That((await session.Client.SendAsync(new ListJobs { Search = "holi" })).Items.Single().Id, Is.EqualTo(first.Id));
        Assert.That((await session.Client.SendAsync(new ListJobs { Search = " HOLIDAY " })).Items.Single().Id, Is.EqualTo(first.Id), "case and edges do not matter");
        Assert.That((await session.Client.SendAsync(new ListJobs { Search = "%_" })).Items.Select(j => j.Id), Is.EqualTo(new[] { third.Id }),
            "LIKE wildcards in the term are literal text");
        Assert.That((await session.Client.SendAsync(new ListJobs { Search = "o_i" })).Items, Is.Empty, "'_' does not match one character");
        Assert.That((await session.Client.SendAsync(new ListJobs { Status = JobStatus.Failed })).Items, Is.Empty);

        await session.Client.SendAsync(new DeleteJob { Id = first.Id });
        Assert.That(Assert.ThrowsAsync<ApiException>(() => session.Client.SendAsync(new GetJob { Id = first.Id }))!.Status, Is.EqualTo(404));
        var ledger = await session.Client.SendAsync(new ListLedger());
        Assert.That(ledger.Items.Count(e => e.JobId == first.Id), Is.EqualTo(2), "reserve and charge stay");
        Assert.That(ledger.Total, Is.EqualTo(7).And.EqualTo(ledger.Items.Count), "sign-up grant + reserve and charge of three jobs");
    }

    [Test]
    public async Task Forged_or_unknown_callbacks_change_nothing()
    {
        var (session, uploadId) = await UploadAsync(new GhostCutWorkScenario { NoCallback = true, CallbackDelay = TimeSpan.FromSeconds(30) });
        var job = await session.Client.SendAsync(new SubmitJob { UploadId = uploadId });
        await session.WaitForAsync(job.Id, j => j.Status == JobStatus.Processing);
        var token = await App.WithDatabaseAsync(d => d.Jobs.Where(j => j.Id == job.Id).Select(j => j.CallbackToken).SingleAsync());
        var body = "{\"id\":1,\"idProject\":2,\"processStatus\":1,\"videoUrl\":\"http://127.0.0.1:9/x.mp4\"}"u8.ToArray();

        using var http = App.NewHttpClient();
        using var forged = new HttpRequestMessage(HttpMethod.Post, $"api/v1/ghostcut/callback/{token}") { Content = new ByteArrayContent(body) };
        forged.Headers.Add("Callback-Sign", GhostCut.GhostCutSignature.Sign(body, "not-the-secret"));
        using var refused = await http.SendAsync(forged);
        Assert.That(refused.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));

        using var unknown = new HttpRequestMessage(HttpMethod.Post, "api/v1/ghostcut/callback/no-such-token") { Content = new ByteArrayContent(body) };
        unknown.Headers.Add("Callback-Sign", GhostCut.GhostCutSignature.Sign(body, "test-secret"));
        using var ignored = await http.SendAsync(unknown);
        Assert.That(ignored.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(await ignored.Content.ReadAsStringAsync(), Is.Not.Empty);

        var after = await session.Client.SendAsync(new GetJob { Id = job.Id });
        Assert.That(after.Status, Is.EqualTo(JobStatus.Processing));
        var recorded = await App.WithDatabaseAsync(d => d.GhostCutCallbacks.Where(c => c.Token == token).ToListAsync());
        Assert.That(recorded.Single().SignatureValid, Is.False, "the forged call is kept in the inbox, marked");
        await session.Client.SendAsync(new CancelJob { Id = job.Id });
        await App.AssertLedgerInvariantsAsync(session);
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition, int seconds = 30)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline) Assert.Fail("Condition not met in time.");
            await Task.Delay(200);
        }
    }
}
