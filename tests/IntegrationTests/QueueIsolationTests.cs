using Vtis.IntegrationTests.Support;
using Vtis.ServiceModel.Jobs;

namespace Vtis.IntegrationTests;

/// <summary>
/// The local engine's jobs are CPU-bound and long; GhostCut submissions, callbacks, Stripe events and webhook
/// deliveries wait on the network. Each kind has workers of its own, so a worker busy with engine jobs still moves
/// everything else. On PostgreSQL with the Redis queue, as production runs.
/// </summary>
public sealed class QueueIsolationTests
{
    [Test]
    public async Task Engine_jobs_in_hand_do_not_hold_up_a_GhostCut_job()
    {
        // One engine worker and three local jobs: the first runs, two wait behind it in the engine queue.
        await using var app = await TestApp.StartAsync(Db.Postgres, new Dictionary<string, string?> { ["Jobs:WorkerConcurrency"] = "1" });
        var session = await app.RegisterAsync();
        var video = await session.UploadAsync(await TestMedia.TwentySeconds);
        var local = new List<Guid>();
        for (var i = 0; i < 3; i++)
            local.Add((await session.Client.SendAsync(new SubmitJob { UploadId = video.Id, Config = new ProcessingConfig { Processor = ProcessorKind.Local } })).Id);
        await session.WaitForAsync(local[0], j => j.Status == JobStatus.Processing);

        var clip = await session.UploadAsync(await TestMedia.Mp4);
        var remote = await session.Client.SendAsync(new SubmitJob { UploadId = clip.Id, Config = new ProcessingConfig { Processor = ProcessorKind.GhostCut } });
        var remoteDone = await session.WaitForEndAsync(remote.Id);

        Assert.That(remoteDone.Status, Is.EqualTo(JobStatus.Completed), remoteDone.Error?.Message);
        var localNow = await Task.WhenAll(local.Select(id => session.Client.SendAsync(new GetJob { Id = id })));
        Assert.That(localNow.Count(j => j.Status is JobStatus.Queued or JobStatus.Processing), Is.GreaterThan(0),
            "the GhostCut job went through while engine jobs were still in hand: " + string.Join(", ", localNow.Select(j => j.Status)));

        foreach (var id in local)
        {
            try
            {
                await session.Client.SendAsync(new CancelJob { Id = id });
            }
            catch (Vtis.Client.ApiException e) when (e.Status == 409)
            {
                // finished meanwhile
            }
        }

        foreach (var id in local) await session.WaitForEndAsync(id, seconds: 120);
        await app.AssertLedgerInvariantsAsync(session);
    }
}
