using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Vtis.ServiceInterface.Common;
using Vtis.ServiceInterface.Data;
using Vtis.ServiceModel;
using Vtis.ServiceModel.Webhooks;

namespace Vtis.ServiceInterface.Webhooks;

/// <summary>The account's webhook endpoints, their secrets, tests, delivery log and replays. Everything is the
/// caller's account's only (the DbContext filters by tenant; another account's ids answer 404).</summary>
public sealed class WebhookService(
    AppDbContext db, WebhookGuard guard, WebhookOutbox outbox, IWebhookQueue queue, IOptions<WebhookOptions> options,
    ICurrentUser caller, TimeProvider clock, WebhookSecrets secrets) :
    IHandle<ListWebhookEndpoints, PagedResult<WebhookEndpointInfo>>,
    IHandle<CreateWebhookEndpoint, WebhookEndpointCreated>,
    IHandle<GetWebhookEndpoint, WebhookEndpointInfo>,
    IHandle<UpdateWebhookEndpoint, WebhookEndpointInfo>,
    IHandle<DeleteWebhookEndpoint, NoContent>,
    IHandle<RotateWebhookSecret, WebhookEndpointCreated>,
    IHandle<SendTestWebhook, WebhookDeliveryInfo>,
    IHandle<ListWebhookDeliveries, PagedResult<WebhookDeliveryInfo>>,
    IHandle<ReplayWebhookDelivery, WebhookDeliveryInfo>
{
    /// <summary>How long the secret before a rotation still signs.</summary>
    public static readonly TimeSpan RotationOverlap = TimeSpan.FromHours(24);

    public async Task<PagedResult<WebhookEndpointInfo>> Handle(ListWebhookEndpoints request, CancellationToken ct)
    {
        var (page, size) = Paging.Of(request);
        var total = await db.WebhookEndpoints.CountAsync(ct);
        var rows = await db.WebhookEndpoints.AsNoTracking().OrderBy(e => e.CreatedAt).Skip((page - 1) * size).Take(size).ToListAsync(ct);
        return new PagedResult<WebhookEndpointInfo> { Page = page, PageSize = size, Total = total, Items = [.. rows.Select(View)] };
    }

    public async Task<WebhookEndpointCreated> Handle(CreateWebhookEndpoint request, CancellationToken ct)
    {
        var types = Types(request.EventTypes);
        await guard.CheckAsync(request.Url, ct);
        if (await db.WebhookEndpoints.CountAsync(ct) >= options.Value.MaxEndpointsPerAccount)
            throw Problems.Conflict("too-many-endpoints", $"An account can have {options.Value.MaxEndpointsPerAccount} webhook endpoints.");
        var now = clock.GetUtcNow();
        var secret = WebhookSignature.NewSecret();
        var endpoint = new WebhookEndpoint
        {
            AccountId = caller.AccountId,
            Url = request.Url.Trim(),
            Description = request.Description?.Trim(),
            EventTypes = string.Join(' ', types),
            Enabled = request.Enabled,
            Secret = secrets.Seal(secret),
            CreatedAt = now,
            UpdatedAt = now,
        };
        db.WebhookEndpoints.Add(endpoint);
        await db.SaveChangesAsync(ct);
        return new WebhookEndpointCreated { Endpoint = View(endpoint), Secret = secret };
    }

    public async Task<WebhookEndpointInfo> Handle(GetWebhookEndpoint request, CancellationToken ct) => View(await FindAsync(request.Id, ct));

    public async Task<WebhookEndpointInfo> Handle(UpdateWebhookEndpoint request, CancellationToken ct)
    {
        var endpoint = await FindAsync(request.Id, ct);
        var types = Types(request.EventTypes);
        if (!string.Equals(endpoint.Url, request.Url.Trim(), StringComparison.Ordinal)) await guard.CheckAsync(request.Url, ct);
        endpoint.Url = request.Url.Trim();
        endpoint.Description = request.Description?.Trim();
        endpoint.EventTypes = string.Join(' ', types);
        if (request.Enabled && !endpoint.Enabled)
        {
            endpoint.DisabledAt = null;
            endpoint.DisabledReason = null;
            endpoint.FailingSince = null;
        }
        endpoint.Enabled = request.Enabled;
        endpoint.UpdatedAt = clock.GetUtcNow();
        await db.SaveChangesAsync(ct);
        return View(endpoint);
    }

    public async Task<NoContent> Handle(DeleteWebhookEndpoint request, CancellationToken ct)
    {
        db.WebhookEndpoints.Remove(await FindAsync(request.Id, ct));
        await db.SaveChangesAsync(ct);
        return NoContent.Value;
    }

    public async Task<WebhookEndpointCreated> Handle(RotateWebhookSecret request, CancellationToken ct)
    {
        var endpoint = await FindAsync(request.Id, ct);
        var now = clock.GetUtcNow();
        var secret = WebhookSignature.NewSecret();
        endpoint.PreviousSecret = endpoint.Secret; // still sealed
        endpoint.PreviousSecretExpiresAt = now + RotationOverlap;
        endpoint.Secret = secrets.Seal(secret);
        endpoint.UpdatedAt = now;
        await db.SaveChangesAsync(ct);
        return new WebhookEndpointCreated { Endpoint = View(endpoint), Secret = secret };
    }

    public async Task<WebhookDeliveryInfo> Handle(SendTestWebhook request, CancellationToken ct)
    {
        var endpoint = await FindAsync(request.Id, ct);
        var delivery = outbox.Stage(caller.AccountId, WebhookEventTypes.Test,
            new { endpointId = endpoint.Id, message = "A test event from the Video Text Inpainting Service." }, [endpoint]).Single();
        await db.SaveChangesAsync(ct);
        outbox.Dispatch([delivery]);
        return View(delivery, WebhookEventTypes.Test);
    }

    public async Task<PagedResult<WebhookDeliveryInfo>> Handle(ListWebhookDeliveries request, CancellationToken ct)
    {
        await FindAsync(request.Id, ct);
        var (page, size) = Paging.Of(request);
        var query = db.WebhookDeliveries.AsNoTracking().Where(d => d.EndpointId == request.Id);
        var total = await query.CountAsync(ct);
        var rows = await query.Include(d => d.Message).Include(d => d.AttemptLog)
            .OrderByDescending(d => d.CreatedAt).ThenByDescending(d => d.Id).Skip((page - 1) * size).Take(size).ToListAsync(ct);
        return new PagedResult<WebhookDeliveryInfo> { Page = page, PageSize = size, Total = total, Items = [.. rows.Select(d => View(d, d.Message!.EventType))] };
    }

    public async Task<WebhookDeliveryInfo> Handle(ReplayWebhookDelivery request, CancellationToken ct)
    {
        var delivery = await db.WebhookDeliveries.Include(d => d.Message).Include(d => d.AttemptLog).SingleOrDefaultAsync(d => d.Id == request.Id, ct)
            ?? throw Problems.NotFound("The delivery");
        var endpoint = await FindAsync(delivery.EndpointId, ct);
        if (!endpoint.Enabled) throw Problems.Conflict("endpoint-disabled", "The endpoint is disabled; enable it first.");
        delivery.StartOver(clock.GetUtcNow());
        await db.SaveChangesAsync(ct);
        queue.EnqueueDelivery(delivery.Id);
        return View(delivery, delivery.Message!.EventType);
    }

    private async Task<WebhookEndpoint> FindAsync(Guid id, CancellationToken ct) =>
        await db.WebhookEndpoints.SingleOrDefaultAsync(e => e.Id == id, ct) ?? throw Problems.NotFound("The webhook endpoint");

    private static List<string> Types(IReadOnlyList<string> requested)
    {
        if (requested.Count == 0) return [.. WebhookEventTypes.Default];
        var unknown = requested.Where(t => !WebhookEventTypes.All.Contains(t)).ToList();
        if (unknown.Count > 0)
            throw Problems.Field("eventTypes", $"Unknown event type(s): {string.Join(", ", unknown)}. Known: {string.Join(", ", WebhookEventTypes.All)}.");
        return [.. requested.Distinct()];
    }

    public static WebhookEndpointInfo View(WebhookEndpoint e) => new()
    {
        Id = e.Id,
        Url = e.Url,
        Description = e.Description,
        EventTypes = e.Types,
        Enabled = e.Enabled,
        DisabledReason = e.DisabledReason,
        DisabledAt = e.DisabledAt,
        FailingSince = e.FailingSince,
        PreviousSecretExpiresAt = e.PreviousSecretExpiresAt,
        CreatedAt = e.CreatedAt,
    };

    private static WebhookDeliveryInfo View(WebhookDelivery d, string type) => new()
    {
        Id = d.Id,
        EndpointId = d.EndpointId,
        MessageId = d.MessageId,
        EventType = type,
        Status = d.Status,
        AttemptCount = d.Attempts,
        NextAttemptAt = d.Status == WebhookDeliveryStatus.Pending ? d.NextAttemptAt : null,
        CreatedAt = d.CreatedAt,
        Attempts = [.. d.AttemptLog.OrderBy(a => a.Id).Select(a => new WebhookAttemptInfo
        {
            At = a.At, StatusCode = a.StatusCode, LatencyMs = a.LatencyMs, ResponseSnippet = a.ResponseSnippet, Error = a.Error,
        })],
    };
}
