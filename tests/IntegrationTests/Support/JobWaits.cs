using Vtis.Client;
using Vtis.ServiceModel.Jobs;

namespace Vtis.IntegrationTests.Support;

/// <summary>Waits for a job through any client (a session's, a bare one, one of the compose stack's tests).</summary>
public static class JobWaits
{
    /// <summary>Polls the job until <paramref name="until"/> holds; fails the test after <paramref name="seconds"/>.</summary>
    public static async Task<JobInfo> WaitForAsync(this VtisClient client, Guid jobId, Func<JobInfo, bool> until, int seconds = 60)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        JobInfo job;
        do
        {
            job = await client.SendAsync(new GetJob { Id = jobId });
            if (until(job)) return job;
            await Task.Delay(200);
        }
        while (DateTime.UtcNow < deadline);
        Assert.Fail($"Job {jobId} did not get there in {seconds} s; it is {job.Status} at {job.ProgressPercentage}% ({job.Error?.Code} {job.Error?.Message}).");
        return job;
    }

    public static Task<JobInfo> WaitForEndAsync(this VtisClient client, Guid jobId, int seconds = 60) =>
        client.WaitForAsync(jobId, j => j.Status is JobStatus.Completed or JobStatus.Failed or JobStatus.Cancelled, seconds);
}
