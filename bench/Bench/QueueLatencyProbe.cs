using System.Diagnostics;
using Vtis.Client;
using Vtis.ServiceModel.Jobs;

namespace Vtis.Bench;

/// <summary>How long submitted jobs wait in the queue: seen by the client (polling) and by the server's clock.</summary>
internal sealed record QueueLatency(LatencyStats Observed, LatencyStats ServerSide, int TimedOut, IReadOnlyList<Guid> JobIds);

/// <summary>
/// Submits jobs one at a time and polls each until it leaves Queued. The client's figure runs from sending the
/// submit to the poll that saw the change (so it includes up to one poll interval); the server's is the job's
/// <c>startedAt − createdAt</c>.
/// </summary>
internal static class QueueLatencyProbe
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(20);
    private static readonly TimeSpan GiveUpAfter = TimeSpan.FromSeconds(30);

    public static async Task<QueueLatency> RunAsync(VtisClient client, Guid uploadId, int jobs, CancellationToken ct)
    {
        var observed = new List<TimeSpan>(jobs);
        var serverSide = new List<TimeSpan>(jobs);
        var ids = new List<Guid>(jobs);
        var timedOut = 0;
        for (var i = 0; i < jobs; i++)
        {
            var clock = Stopwatch.StartNew();
            var job = await client.SendAsync(new SubmitJob { UploadId = uploadId, DisplayName = $"queue-probe-{i}" }, ct);
            ids.Add(job.Id);
            while (job.Status == JobStatus.Queued && clock.Elapsed < GiveUpAfter)
            {
                await Task.Delay(PollInterval, ct);
                job = await client.SendAsync(new GetJob { Id = job.Id }, ct);
            }

            if (job.Status == JobStatus.Queued)
            {
                timedOut++;
                continue;
            }

            observed.Add(clock.Elapsed);
            if (job.StartedAt is { } started) serverSide.Add(started - job.CreatedAt);
        }

        return new QueueLatency(LatencyStats.FromDurations(observed), LatencyStats.FromDurations(serverSide), timedOut, ids);
    }

    /// <summary>Waits (bounded) until no job of the account is queued or processing; answers how long it took and
    /// how many were left.</summary>
    public static async Task<(TimeSpan Waited, int Left)> WaitForIdleAsync(VtisClient client, TimeSpan limit, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var left = 0;
            foreach (var status in (JobStatus[])[JobStatus.Queued, JobStatus.Processing])
                left += (await client.SendAsync(new ListJobs { Status = status, PageSize = 1 }, ct)).Total;
            if (left == 0 || clock.Elapsed >= limit) return (clock.Elapsed, left);
            await Task.Delay(250, ct);
        }
    }
}
