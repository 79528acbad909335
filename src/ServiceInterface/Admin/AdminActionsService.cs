using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Vtis.ServiceInterface.Common;
using Vtis.ServiceInterface.Data;
using Vtis.ServiceInterface.Jobs;
using Vtis.ServiceInterface.Webhooks;
using Vtis.ServiceModel;
using Vtis.ServiceModel.Admin;

namespace Vtis.ServiceInterface.Admin;

/// <summary>Operators' actions on other accounts' users, jobs and deliveries, run as trusted system work.</summary>
public sealed class AdminActionsService(AppDbContext db, IServiceScopeFactory scopes, IWebhookQueue webhooks, ICurrentUser caller, TimeProvider clock) :
    IHandle<SetUserDisabled, AdminUser>,
    IHandle<SetUserAdmin, AdminUser>,
    IHandle<AdminCancelJob, NoContent>,
    IHandle<AdminRetryJob, Vtis.ServiceModel.Jobs.JobInfo>,
    IHandle<AdminReplayDelivery, NoContent>
{
    public async Task<AdminUser> Handle(SetUserDisabled request, CancellationToken ct)
    {
        if (request.Id == caller.UserId && request.Disabled) throw Problems.Conflict("own-account", "You cannot disable yourself.");
        var user = await UserAsync(request.Id, ct);
        user.DisabledAt = request.Disabled ? user.DisabledAt ?? clock.GetUtcNow() : null;
        await db.SaveChangesAsync(ct);
        if (request.Disabled)
        {
            // End the user's sessions: their refresh tokens stop working now.
            var now = clock.GetUtcNow();
            await db.RefreshTokens.Where(t => t.UserId == user.Id && t.RevokedAt == null).ExecuteUpdateAsync(s => s.SetProperty(t => t.RevokedAt, now), ct);
        }
        return AdminUserService.View(user);
    }

    public async Task<AdminUser> Handle(SetUserAdmin request, CancellationToken ct)
    {
        if (request.Id == caller.UserId && !request.Admin) throw Problems.Conflict("own-account", "You cannot take your own admin role.");
        var user = await UserAsync(request.Id, ct);
        user.IsAdmin = request.Admin;
        await db.SaveChangesAsync(ct);
        return AdminUserService.View(user);
    }

    public async Task<NoContent> Handle(AdminCancelJob request, CancellationToken ct)
    {
        await using var scope = scopes.CreateSystemScope();
        var system = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var job = await system.Jobs.AsNoTracking().SingleOrDefaultAsync(j => j.Id == request.Id, ct) ?? throw Problems.NotFound("Job");
        if (JobLifecycle.IsTerminal(job.Status) ||
            await scope.ServiceProvider.GetRequiredService<JobLifecycle>().CancelAsync(job.Id, ct) is null)
            throw Problems.Conflict("job-finished", $"The job is already {job.Status.ToString().ToLowerInvariant()}.");
        return NoContent.Value;
    }

    public async Task<Vtis.ServiceModel.Jobs.JobInfo> Handle(AdminRetryJob request, CancellationToken ct)
    {
        Job job;
        await using (var system = scopes.CreateSystemScope())
            job = await system.ServiceProvider.GetRequiredService<AppDbContext>().Jobs.AsNoTracking().SingleOrDefaultAsync(j => j.Id == request.Id, ct)
                  ?? throw Problems.NotFound("Job");
        if (job.Status is not (Vtis.ServiceModel.Jobs.JobStatus.Failed or Vtis.ServiceModel.Jobs.JobStatus.Cancelled))
            throw Problems.Conflict("job-not-retryable", $"Only failed or cancelled jobs can be retried; this one is {job.Status.ToString().ToLowerInvariant()}.");

        // The new job is the owner's, submitted as they would submit it: their account's credits, limits and tenant.
        await using var owner = scopes.CreateAsyncScope();
        owner.ServiceProvider.GetRequiredService<HttpCurrentUser>().ActAs(job.UserId, job.AccountId, "admin-retry");
        var upload = job.UploadId is { } uploadId
            ? await owner.ServiceProvider.GetRequiredService<AppDbContext>().Uploads.SingleOrDefaultAsync(u => u.Id == uploadId, ct)
            : null;
        if (upload is null)
            throw Problems.Conflict("input-gone", "The job's input video is no longer stored; the user must upload it again.");
        var retried = await owner.ServiceProvider.GetRequiredService<JobSubmission>()
            .SubmitAsync(upload, job.DisplayName, JobViews.Config(job), job.SourceUrl, ct);
        return JobViews.Describe(retried);
    }

    public async Task<NoContent> Handle(AdminReplayDelivery request, CancellationToken ct)
    {
        await using var scope = scopes.CreateSystemScope();
        var system = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var delivery = await system.WebhookDeliveries.SingleOrDefaultAsync(d => d.Id == request.Id, ct) ?? throw Problems.NotFound("The delivery");
        var endpoint = await system.WebhookEndpoints.SingleAsync(e => e.Id == delivery.EndpointId, ct);
        if (!endpoint.Enabled) throw Problems.Conflict("endpoint-disabled", "The endpoint is disabled; its owner must enable it first.");
        delivery.StartOver(clock.GetUtcNow());
        await system.SaveChangesAsync(ct);
        webhooks.EnqueueDelivery(delivery.Id);
        return NoContent.Value;
    }

    private async Task<User> UserAsync(Guid id, CancellationToken ct) =>
        await db.Users.SingleOrDefaultAsync(u => u.Id == id, ct) ?? throw Problems.NotFound("The user");
}
