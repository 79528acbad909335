using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Vtis.IntegrationTests.Support;
using Vtis.ServiceInterface.Common;
using Vtis.ServiceInterface.Credits;
using Vtis.ServiceInterface.Data;
using Vtis.ServiceInterface.Jobs;
using Vtis.ServiceModel.Auth;
using Vtis.ServiceModel.Credits;
using Vtis.ServiceModel.Jobs;
using Vtis.TestSupport;

namespace Vtis.IntegrationTests;

/// <summary>What happens when parts fail: GhostCut errors, lost queue messages; and live updates.</summary>
public sealed class JobRecoveryTests(Db db) : ApiTest(db)
{
    private GhostCutSimulator Simulator { get; set; } = null!;

    [OneTimeSetUp]
    public async Task FindSimulator() => Simulator = await Apps.SimulatorAsync();

    [TearDown]
    public void ResetFaults() => Simulator.Behavior.Reset();

    [Test]
    public async Task GhostCut_errors_then_success_retries_and_charges_once()
    {
        var session = await App.RegisterAsync();
        var upload = await session.UploadAsync(await TestMedia.Mp4);
        var creates = Simulator.CountRequests(GhostCut.GhostCutPaths.CreateWork);
        Simulator.Behavior.FailWithHttpStatus(500, times: 2);

        var job = await session.Client.SendAsync(new SubmitJob { UploadId = upload.Id });
        var done = await session.WaitForEndAsync(job.Id, seconds: 90);

        Assert.That(done.Status, Is.EqualTo(JobStatus.Completed), done.Error?.Message);
        Assert.That(Simulator.CountRequests(GhostCut.GhostCutPaths.CreateWork) - creates, Is.GreaterThanOrEqualTo(3));
        var ledger = await session.Client.SendAsync(new ListLedger());
        Assert.That(ledger.Items.Count(e => e.Kind == "charge"), Is.EqualTo(1));
        await App.AssertLedgerInvariantsAsync(session);
    }

    [Test]
    public async Task GhostCut_down_for_good_fails_the_job_and_releases_credits()
    {
        var session = await App.RegisterAsync();
        var upload = await session.UploadAsync(await TestMedia.Mp4);
        Simulator.Behavior.FailWithHttpStatus(503, times: 1000);

        var job = await session.Client.SendAsync(new SubmitJob { UploadId = upload.Id });
        var done = await session.WaitForEndAsync(job.Id, seconds: 90);

        Assert.That(done.Status, Is.EqualTo(JobStatus.Failed));
        Assert.That(done.Error!.Code, Is.EqualTo("processing-error"));
        Assert.That((await session.Client.SendAsync(new GetCredits())).Available, Is.EqualTo(10));
        await App.AssertLedgerInvariantsAsync(session);
    }

    [TestCase(JobStatus.Queued)]
    [TestCase(JobStatus.Processing)]
    public async Task A_job_whose_queue_message_was_lost_or_whose_worker_died_is_recovered_by_the_reconciler(JobStatus leftIn)
    {
        var session = await App.RegisterAsync();

        // What a crash leaves behind: a job with its reservation and no queue message, either between commit and
        // enqueue (queued) or after a worker took it and died before handing it to GhostCut (processing).
        var jobId = await InsertJobAsync(session, "orphan", leftIn, DateTimeOffset.UtcNow.AddMinutes(-5));

        var done = await session.WaitForEndAsync(jobId, seconds: 90);

        Assert.That(done.Status, Is.EqualTo(JobStatus.Completed), done.Error?.Message);
        var events = await App.WithDatabaseAsync(d => d.JobEvents.Where(e => e.JobId == jobId).Select(e => e.Kind).ToListAsync());
        Assert.That(events, Does.Contain("requeued"));
        await App.AssertLedgerInvariantsAsync(session);
    }

    [Test]
    public async Task Racing_final_transitions_move_a_job_once_and_the_losers_step_aside_without_errors()
    {
        // What a callback, its duplicate and a poll arriving together do on 20 queue workers: the same job failed
        // from several writers at once. One release, one final state; the others re-read and find it final.
        var session = await App.RegisterAsync();
        var jobId = await InsertJobAsync(session, "raced", JobStatus.Processing, DateTimeOffset.UtcNow);

        var scopes = App.Services.GetRequiredService<IServiceScopeFactory>();
        using var start = new ManualResetEventSlim();
        var results = await Task.WhenAll(Enumerable.Range(0, 12).Select(i => Task.Run(async () =>
        {
            await using var scope = scopes.CreateSystemScope();
            var lifecycle = scope.ServiceProvider.GetRequiredService<JobLifecycle>();
            start.Wait();
            return await lifecycle.FailAsync(jobId, "ghostcut-16", $"writer {i}", CancellationToken.None);
        })).Append(Task.Run(() =>
        {
            start.Set();
            return (Job?)null;
        })));

        Assert.That(results.Count(r => r is not null), Is.EqualTo(1), "one writer moved the job");
        var releases = await App.WithDatabaseAsync(d => d.CreditLedger.CountAsync(e => e.JobId == jobId && e.Kind == CreditEntryKind.Release));
        Assert.That(releases, Is.EqualTo(1));
        await App.AssertLedgerInvariantsAsync(session);
    }

    [Test]
    public async Task Live_updates_reach_the_owner_and_nobody_else()
    {
        var owner = await App.RegisterAsync();
        var stranger = await App.RegisterAsync();
        var upload = await owner.UploadAsync(await TestMedia.Mp4);
        var ownerSeen = new List<JobInfo>();
        var strangerSeen = new List<JobInfo>();
        await using var ownerHub = await ConnectAsync(owner, ownerSeen);
        await using var strangerHub = await ConnectAsync(stranger, strangerSeen);

        var job = await owner.Client.SendAsync(new SubmitJob { UploadId = upload.Id });
        await owner.WaitForEndAsync(job.Id);
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (DateTime.UtcNow < deadline && !Snapshot(ownerSeen).Any(j => j.Status == JobStatus.Completed)) await Task.Delay(100);

        var seen = Snapshot(ownerSeen).Where(j => j.Id == job.Id).ToList();
        Assert.That(seen.Select(j => j.Status), Does.Contain(JobStatus.Queued).And.Contain(JobStatus.Processing).And.Contain(JobStatus.Completed));
        var progress = seen.Select(j => j.ProgressPercentage).ToList();
        Assert.That(progress, Is.Ordered, "progress never goes backwards");
        Assert.That(Snapshot(strangerSeen), Is.Empty);
    }

    /// <summary>A GhostCut job row with its reservation, as the submit path writes it, but with no queue message.</summary>
    private async Task<Guid> InsertJobAsync(Session session, string name, JobStatus status, DateTimeOffset at)
    {
        var upload = await session.UploadAsync(await TestMedia.Mp4);
        var me = await session.Client.SendAsync(new GetMe());
        return await App.WithDatabaseAsync(async d =>
        {
            var stored = await d.Uploads.SingleAsync(u => u.Id == upload.Id);
            var job = new Job
            {
                AccountId = me.Account.Id, UserId = me.User.Id, UploadId = stored.Id, OriginalFilename = stored.FileName,
                DisplayName = name, Status = status, Attempts = status == JobStatus.Processing ? 1 : 0, Processor = ProcessorKind.GhostCut, ProcessingConfig = "{}",
                EstimatedCredits = 1, InputKey = stored.StorageKey, InputSize = stored.Size, InputMedia = stored.Media!.Copy(),
                CreatedAt = at, UpdatedAt = at,
            };
            d.Jobs.Add(job);
            var ledger = new CreditLedger(d, TimeProvider.System);
            ledger.Reserve(me.Account.Id, job.Id, 1);
            await ledger.SaveAsync(me.Account.Id, CancellationToken.None);
            return job.Id;
        });
    }

    private static List<JobInfo> Snapshot(List<JobInfo> seen)
    {
        lock (seen) return [.. seen];
    }

    private async Task<HubConnection> ConnectAsync(Session session, List<JobInfo> seen)
    {
        var hub = new HubConnectionBuilder()
            .WithUrl(new Uri(App.BaseAddress, "hubs/jobs"), o => o.AccessTokenProvider = () => Task.FromResult<string?>(session.Tokens.AccessToken))
            .AddJsonProtocol(o => o.PayloadSerializerOptions = Vtis.Client.VtisClient.JsonOptions)
            .Build();
        hub.On<JobInfo>("jobChanged", job => { lock (seen) seen.Add(job); });
        await hub.StartAsync();
        return hub;
    }
}
