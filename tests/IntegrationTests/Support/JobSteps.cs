using Microsoft.EntityFrameworkCore;
using Vtis.Client;
using Vtis.ServiceInterface.Data;
using Vtis.ServiceModel.Auth;
using Vtis.ServiceModel.Jobs;
using Vtis.ServiceModel.Uploads;

namespace Vtis.IntegrationTests.Support;

/// <summary>Steps the job tests share: upload a file, wait for a job, check the ledger's invariants.</summary>
public static class JobSteps
{
    public static async Task<UploadInfo> UploadAsync(this Session session, string path, string contentType = "video/mp4")
    {
        await using var file = File.OpenRead(path);
        return await session.Client.UploadAsync(new UploadVideo(), file, Path.GetFileName(path), contentType);
    }

    public static Task<JobInfo> WaitForAsync(this Session session, Guid jobId, Func<JobInfo, bool> until, int seconds = 60) =>
        session.Client.WaitForAsync(jobId, until, seconds);

    public static Task<JobInfo> WaitForEndAsync(this Session session, Guid jobId, int seconds = 60) =>
        session.Client.WaitForEndAsync(jobId, seconds);

    /// <summary>The ledger's promises: the balance is the sum of entries, and a job in a final state holds nothing.</summary>
    public static async Task AssertLedgerInvariantsAsync(this TestApp app, Session session)
    {
        var me = await session.Client.SendAsync(new GetMe());
        var accountId = me.Account.Id;
        var (entries, jobs) = await app.WithDatabaseAsync(async db => (
            await db.CreditLedger.Where(e => e.AccountId == accountId).ToListAsync(),
            await db.Jobs.Where(j => j.AccountId == accountId).ToListAsync()));

        Assert.That(me.Credits.Balance, Is.EqualTo(entries.Sum(e => e.Amount)), "balance = sum of entries");
        Assert.That(me.Credits.Reserved, Is.EqualTo(entries.Sum(e => e.Hold)), "reserved = sum of holds");
        // The running totals the balance is read from: numbered 1..n without gaps, each the sum of the entries up to it.
        var ordered = entries.OrderBy(e => e.Sequence).ToList();
        Assert.That(ordered.Select(e => e.Sequence), Is.EqualTo(Enumerable.Range(1, ordered.Count).Select(n => (long)n)), "sequence numbers");
        long balance = 0, reserved = 0;
        foreach (var entry in ordered)
        {
            balance += entry.Amount;
            reserved += entry.Hold;
            Assert.That((entry.BalanceAfter, entry.ReservedAfter), Is.EqualTo((balance, reserved)), $"running totals at entry {entry.Sequence}");
        }
        foreach (var job in jobs)
        {
            var held = entries.Where(e => e.JobId == job.Id).Sum(e => e.Hold);
            var expected = job.Status is JobStatus.Queued or JobStatus.Processing ? job.EstimatedCredits : 0;
            Assert.That(held, Is.EqualTo(expected), $"job {job.Id} ({job.Status}) holds {held}");
            var charged = -entries.Where(e => e.JobId == job.Id && e.Kind == CreditEntryKind.Charge).Sum(e => e.Amount);
            Assert.That(charged, Is.EqualTo(job.Status == JobStatus.Completed ? job.EstimatedCredits : 0), $"job {job.Id} charged {charged}");
        }
    }
}
