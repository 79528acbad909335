using Microsoft.EntityFrameworkCore;
using Vtis.ServiceInterface.Common;
using Vtis.ServiceInterface.Data;
using Vtis.ServiceInterface.Storage;
using Vtis.ServiceInterface.Uploads;
using Vtis.ServiceModel;
using Vtis.ServiceModel.Jobs;
using Vtis.ServiceModel.Uploads;

namespace Vtis.ServiceInterface.Jobs;

public sealed class JobService(
    AppDbContext db, JobSubmission submission, JobLifecycle lifecycle, JobPricing pricing, UploadIngest ingest, SourceImport import,
    Credits.CreditLedger ledger, IBlobStore store, ICurrentUser caller, TimeProvider clock) :
    IHandle<EstimateJob, JobEstimate>,
    IHandle<SubmitJob, JobInfo>,
    IHandle<UploadAndProcess, JobInfo>,
    IHandle<ListJobs, PagedResult<JobInfo>>,
    IHandle<GetJob, JobInfo>,
    IHandle<CancelJob, JobInfo>,
    IHandle<DeleteJob, NoContent>,
    IHandle<DownloadJob, DownloadLink>,
    IHandle<GetJobMedia, JobMedia>,
    IHandle<GetJobEvents, List<JobEventInfo>>
{
    private static readonly TimeSpan DownloadLifetime = TimeSpan.FromMinutes(15);

    public async Task<JobEstimate> Handle(EstimateJob request, CancellationToken ct)
    {
        var upload = await ReadyUploadAsync(request.UploadId, ct);
        var (credits, basis) = pricing.Estimate(upload.Media!);
        var balance = await ledger.GetBalanceAsync(caller.AccountId, ct);
        return new JobEstimate { Credits = credits, Available = balance.Available, Sufficient = balance.Available >= credits, Basis = basis };
    }

    public async Task<JobInfo> Handle(SubmitJob request, CancellationToken ct)
    {
        var sourceUrl = request.SourceUrl?.Trim();
        if (await submission.FindEarlierAsync(request.UploadId, sourceUrl, ct) is { } earlier) return JobViews.Describe(earlier);
        var upload = request.UploadId is { } uploadId ? await ReadyUploadAsync(uploadId, ct) : await import.ImportAsync(sourceUrl!, ct);
        return JobViews.Describe(await submission.SubmitAsync(upload, request.DisplayName, request.Config, sourceUrl, ct));
    }

    public async Task<JobInfo> Handle(UploadAndProcess request, CancellationToken ct)
    {
        var (upload, fields) = await ingest.FromMultipartAsync("file", ct);
        FormFields.Bind(request, fields);
        return JobViews.Describe(await submission.SubmitAsync(upload, request.DisplayName, request.Config, null, ct));
    }

    public async Task<PagedResult<JobInfo>> Handle(ListJobs request, CancellationToken ct)
    {
        var (page, size) = Paging.Of(request);
        var query = db.Jobs.AsNoTracking();
        if (request.Status is { } status) query = query.Where(j => j.Status == status);
        if (!string.IsNullOrWhiteSpace(request.Search)) query = query.Matching(db, request.Search);

        var total = await query.CountAsync(ct);
        var jobs = await query.OrderByDescending(j => j.CreatedAt).ThenByDescending(j => j.Id)
            .Skip((page - 1) * size).Take(size).ToListAsync(ct);
        return new PagedResult<JobInfo> { Items = jobs.Select(JobViews.Describe).ToList(), Page = page, PageSize = size, Total = total };
    }

    public async Task<JobInfo> Handle(GetJob request, CancellationToken ct) => JobViews.Describe(await FindAsync(request.Id, ct));

    public async Task<JobInfo> Handle(CancelJob request, CancellationToken ct)
    {
        var job = await FindAsync(request.Id, ct);
        if (JobLifecycle.IsTerminal(job.Status))
            throw Problems.Conflict("job-finished", $"The job is already {job.Status.ToString().ToLowerInvariant()}.");
        var cancelled = await lifecycle.CancelAsync(job.Id, ct) ?? await FindAsync(request.Id, ct);
        if (cancelled.Status != JobStatus.Cancelled)
            throw Problems.Conflict("job-finished", $"The job is already {cancelled.Status.ToString().ToLowerInvariant()}.");
        return JobViews.Describe(cancelled);
    }

    public async Task<NoContent> Handle(DeleteJob request, CancellationToken ct)
    {
        var job = await FindAsync(request.Id, ct);
        if (!JobLifecycle.IsTerminal(job.Status))
            throw Problems.Conflict("job-running", "The job is still running: cancel it before deleting it.");
        if (job.OutputKey is { } output) await store.DeleteAsync(output, ct);
        db.Jobs.Remove(job);
        await db.SaveChangesAsync(ct);
        return NoContent.Value;
    }

    public async Task<DownloadLink> Handle(DownloadJob request, CancellationToken ct)
    {
        var job = await FindAsync(request.Id, ct);
        if (job.Status != JobStatus.Completed || job.OutputKey is null)
            throw Problems.Conflict("output-not-ready", "The job has no result to download yet.");
        var name = Path.GetFileNameWithoutExtension(job.OriginalFilename) + "-clean.mp4";
        return new DownloadLink
        {
            Url = store.GetDownloadUrl(job.OutputKey, DownloadLifetime, name).ToString(),
            ExpiresAt = clock.GetUtcNow().Add(DownloadLifetime),
        };
    }

    public async Task<JobMedia> Handle(GetJobMedia request, CancellationToken ct)
    {
        var job = await FindAsync(request.Id, ct);
        var input = job.InputKey is { } key && await store.GetInfoAsync(key, ct) is not null ? store.GetDownloadUrl(key, DownloadLifetime).ToString() : null;
        var output = job.Status == JobStatus.Completed && job.OutputKey is { } result ? store.GetDownloadUrl(result, DownloadLifetime).ToString() : null;
        return new JobMedia { InputUrl = input, OutputUrl = output, ExpiresAt = clock.GetUtcNow().Add(DownloadLifetime) };
    }

    public async Task<List<JobEventInfo>> Handle(GetJobEvents request, CancellationToken ct)
    {
        var job = await FindAsync(request.Id, ct);
        return await db.JobEvents.AsNoTracking().Where(e => e.JobId == job.Id).OrderBy(e => e.Id).Take(500)
            .Select(e => new JobEventInfo { Kind = e.Kind, Message = e.Message, At = e.CreatedAt }).ToListAsync(ct);
    }

    private async Task<Job> FindAsync(Guid id, CancellationToken ct) =>
        await db.Jobs.SingleOrDefaultAsync(j => j.Id == id, ct) ?? throw Problems.NotFound("Job");

    private async Task<Upload> ReadyUploadAsync(Guid id, CancellationToken ct)
    {
        var upload = await db.Uploads.SingleOrDefaultAsync(u => u.Id == id, ct) ?? throw Problems.NotFound("Upload");
        return upload.Status == UploadStatus.Ready ? upload
            : throw Problems.Conflict("upload-not-ready", "The upload is not ready: complete it first (or it was rejected).");
    }
}
