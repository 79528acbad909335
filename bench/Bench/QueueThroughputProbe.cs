using System.Diagnostics;
using Vtis.Client;
using Vtis.ServiceModel.Jobs;

namespace Vtis.Bench;

/// <summary>A burst of submits and how fast the workers took them off the queue (server clock).</summary>
internal sealed record QueueThroughput(int Jobs, TimeSpan SubmitTime, TimeSpan PickupSpan, LatencyStats Wait, int LeftQueued)
{
    public double SubmitsPerSecond => Jobs / SubmitTime.TotalSeconds;

    public double PickupsPerSecond => PickupSpan > TimeSpan.Zero ? (Jobs - LeftQueued) / PickupSpan.TotalSeconds : 0;
}

/// <summary>
/// Queue figures beyond one job at a time: <see cref="BurstAsync"/> submits many jobs at once and measures worker
/// pickups per second; <see cref="EndToEndAsync"/> measures submit to final state for jobs that run at the same time
/// (callbacks, or polling only when the simulator is told not to call back).
/// </summary>
internal static class QueueThroughputProbe
{
    /// <summary>Submits <paramref name="jobs"/> jobs from <paramref name="clients"/> concurrent clients, then waits
    /// until none is queued. Pickups per second: jobs / (last <c>startedAt</c> − first <c>createdAt</c>).</summary>
    public static async Task<QueueThroughput> BurstAsync(VtisClient client, Guid uploadId, int jobs, int clients, TimeSpan limit, CancellationToken ct)
    {
        var ids = new Guid[jobs];
        var next = -1;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, clients).Select(async _ =>
        {
            for (var i = Interlocked.Increment(ref next); i < jobs; i = Interlocked.Increment(ref next))
                ids[i] = (await client.SendAsync(new SubmitJob { UploadId = uploadId, DisplayName = $"burst-{i}" }, ct)).Id;
        }));
        var submitTime = clock.Elapsed;

        while ((await client.SendAsync(new ListJobs { Status = JobStatus.Queued, PageSize = 1 }, ct)).Total > 0 && clock.Elapsed < limit)
            await Task.Delay(100, ct);

        var rows = await ReadAsync(client, ids, ct);
        var started = rows.Where(j => j.StartedAt is not null).ToList();
        var span = started.Count > 0 ? started.Max(j => j.StartedAt!.Value) - rows.Min(j => j.CreatedAt) : TimeSpan.Zero;
        return new QueueThroughput(jobs, submitTime, span, LatencyStats.FromDurations(started.Select(j => j.StartedAt!.Value - j.CreatedAt)),
            jobs - started.Count);
    }

    /// <summary>Submits <paramref name="jobs"/> jobs at once and waits (bounded) for each to reach a final state;
    /// answers <c>completedAt − createdAt</c> of those that did and how many did not.</summary>
    public static async Task<(LatencyStats Latency, int Unfinished)> EndToEndAsync(VtisClient client, Guid uploadId, int jobs, TimeSpan limit, CancellationToken ct)
    {
        var ids = await Task.WhenAll(Enumerable.Range(0, jobs).Select(async i =>
            (await client.SendAsync(new SubmitJob { UploadId = uploadId, DisplayName = $"e2e-{i}" }, ct)).Id));
        var clock = Stopwatch.StartNew();
        List<JobInfo> rows;
        do
        {
            await Task.Delay(250, ct);
            rows = await ReadAsync(client, ids, ct);
        }
        while (rows.Any(j => j.CompletedAt is null) && clock.Elapsed < limit);

        var done = rows.Where(j => j.CompletedAt is not null).ToList();
        return (LatencyStats.FromDurations(done.Select(j => j.CompletedAt!.Value - j.CreatedAt)), jobs - done.Count);
    }

    private static async Task<List<JobInfo>> ReadAsync(VtisClient client, IEnumerable<Guid> ids, CancellationToken ct) =>
        [.. await Task.WhenAll(ids.Select(id => client.SendAsync(new GetJob { Id = id }, ct)))];
}
