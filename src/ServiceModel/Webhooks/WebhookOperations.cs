using System.ComponentModel.DataAnnotations;

namespace Vtis.ServiceModel.Webhooks;

/// <summary>The account's webhook endpoints.</summary>
[Route("/api/v1/webhooks/endpoints", "GET"), Tag("Webhooks")]
public sealed class ListWebhookEndpoints : PagedRequest, IReturn<PagedResult<WebhookEndpointInfo>>;

/// <summary>What an endpoint is: where events go and which ones.</summary>
public abstract class WebhookEndpointSettings
{
    /// <summary>Where events are POSTed.</summary>
    [Required, StringLength(2000), Url]
    public string Url { get; set; } = "";

    /// <summary>A note for the account's owners.</summary>
    [StringLength(500)]
    public string? Description { get; set; }

    /// <summary>Event types to receive (<see cref="WebhookEventTypes"/>); empty means all but <c>job.progress</c>.</summary>
    public IReadOnlyList<string> EventTypes { get; set; } = [];

    /// <summary>Deliver to it (default true).</summary>
    public bool Enabled { get; set; } = true;
}

/// <summary>Registers an endpoint. Its signing secret is in the answer, and never again (until rotated). The URL
/// must be http(s) on a public address; private, loopback and link-local addresses are refused (422).</summary>
[Route("/api/v1/webhooks/endpoints", "POST", Status = 201), SignedInOnly, Tag("Webhooks")]
public sealed class CreateWebhookEndpoint : WebhookEndpointSettings, IReturn<WebhookEndpointCreated>;

/// <summary>One endpoint.</summary>
[Route("/api/v1/webhooks/endpoints/{id}", "GET"), Tag("Webhooks")]
public sealed class GetWebhookEndpoint : IReturn<WebhookEndpointInfo>
{
    /// <summary>Endpoint id.</summary>
    public Guid Id { get; set; }
}

/// <summary>Changes an endpoint (the whole of it: URL, description, event types, enabled). Enabling a disabled
/// endpoint clears what disabled it.</summary>
[Route("/api/v1/webhooks/endpoints/{id}", "PUT"), SignedInOnly, Tag("Webhooks")]
public sealed class UpdateWebhookEndpoint : WebhookEndpointSettings, IReturn<WebhookEndpointInfo>
{
    /// <summary>Endpoint id.</summary>
    public Guid Id { get; set; }
}

/// <summary>Deletes an endpoint and its delivery log.</summary>
[Route("/api/v1/webhooks/endpoints/{id}", "DELETE"), SignedInOnly, Tag("Webhooks")]
public sealed class DeleteWebhookEndpoint : IReturnVoid
{
    /// <summary>Endpoint id.</summary>
    public Guid Id { get; set; }
}

/// <summary>A new signing secret. For 24 hours events are signed with both the new and the old one, so a receiver
/// can switch without losing any.</summary>
[Route("/api/v1/webhooks/endpoints/{id}/rotate-secret", "POST"), SignedInOnly, Tag("Webhooks")]
public sealed class RotateWebhookSecret : IReturn<WebhookEndpointCreated>
{
    /// <summary>Endpoint id.</summary>
    public Guid Id { get; set; }
}

/// <summary>Sends a <c>webhook.test</c> event to the endpoint now.</summary>
[Route("/api/v1/webhooks/endpoints/{id}/test", "POST", Status = 202), Tag("Webhooks")]
public sealed class SendTestWebhook : IReturn<WebhookDeliveryInfo>
{
    /// <summary>Endpoint id.</summary>
    public Guid Id { get; set; }
}

/// <summary>The endpoint's deliveries, newest first, each with its attempts.</summary>
[Route("/api/v1/webhooks/endpoints/{id}/deliveries", "GET"), Tag("Webhooks")]
public sealed class ListWebhookDeliveries : PagedRequest, IReturn<PagedResult<WebhookDeliveryInfo>>
{
    /// <summary>Endpoint id.</summary>
    public Guid Id { get; set; }
}

/// <summary>Sends a delivery's event again (same <c>webhook-id</c>), whatever became of it.</summary>
[Route("/api/v1/webhooks/deliveries/{id}/replay", "POST", Status = 202), Tag("Webhooks")]
public sealed class ReplayWebhookDelivery : IReturn<WebhookDeliveryInfo>
{
    /// <summary>Delivery id.</summary>
    public Guid Id { get; set; }
}

/// <summary>The event types an endpoint can receive.</summary>
public static class WebhookEventTypes
{
    /// <summary>A job finished with a result.</summary>
    public const string JobCompleted = "job.completed";

    /// <summary>A job failed (its credits were released).</summary>
    public const string JobFailed = "job.failed";

    /// <summary>A job was cancelled.</summary>
    public const string JobCancelled = "job.cancelled";

    /// <summary>A job's progress passed another 10 % (opt-in).</summary>
    public const string JobProgress = "job.progress";

    /// <summary>Available credits fell below the low-credit threshold.</summary>
    public const string CreditsLow = "credits.low";

    /// <summary>A purchase was paid and credited.</summary>
    public const string PurchaseCompleted = "purchase.completed";

    /// <summary>Sent by the test operation only.</summary>
    public const string Test = "webhook.test";

    /// <summary>Every type an endpoint may subscribe to.</summary>
    public static readonly IReadOnlyList<string> All = [JobCompleted, JobFailed, JobCancelled, JobProgress, CreditsLow, PurchaseCompleted];

    /// <summary>What an endpoint that names no types receives.</summary>
    public static readonly IReadOnlyList<string> Default = [JobCompleted, JobFailed, JobCancelled, CreditsLow, PurchaseCompleted];
}

/// <summary>An endpoint as its owners see it (never its secret).</summary>
public sealed class WebhookEndpointInfo
{
    /// <summary>Endpoint id.</summary>
    public Guid Id { get; set; }

    /// <summary>Where events are POSTed.</summary>
    public string Url { get; set; } = "";

    /// <summary>Note.</summary>
    public string? Description { get; set; }

    /// <summary>Event types it receives.</summary>
    public IReadOnlyList<string> EventTypes { get; set; } = [];

    /// <summary>Whether events are delivered to it.</summary>
    public bool Enabled { get; set; }

    /// <summary>Why it was disabled by the service (410 Gone, or failing for 5 days), when it was.</summary>
    public string? DisabledReason { get; set; }

    /// <summary>When the service disabled it (UTC).</summary>
    public DateTimeOffset? DisabledAt { get; set; }

    /// <summary>Since when every delivery has failed (UTC); null while deliveries succeed.</summary>
    public DateTimeOffset? FailingSince { get; set; }

    /// <summary>Until when the previous secret still signs (UTC), after a rotation.</summary>
    public DateTimeOffset? PreviousSecretExpiresAt { get; set; }

    /// <summary>Created (UTC).</summary>
    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>An endpoint with its signing secret, shown once.</summary>
public sealed class WebhookEndpointCreated
{
    /// <summary>The endpoint.</summary>
    public WebhookEndpointInfo Endpoint { get; set; } = new();

    /// <summary>The signing secret, <c>whsec_</c> and base64 (Standard Webhooks).</summary>
    public string Secret { get; set; } = "";
}

/// <summary>Where a delivery is.</summary>
public enum WebhookDeliveryStatus
{
    /// <summary>Waiting for its first or next attempt.</summary>
    Pending = 0,

    /// <summary>The endpoint answered 2xx.</summary>
    Succeeded = 1,

    /// <summary>Every attempt failed, or the endpoint is gone (410) or disabled.</summary>
    Failed = 2,
}

/// <summary>One event for one endpoint, and the attempts to deliver it.</summary>
public sealed class WebhookDeliveryInfo
{
    /// <summary>Delivery id.</summary>
    public Guid Id { get; set; }

    /// <summary>Endpoint id.</summary>
    public Guid EndpointId { get; set; }

    /// <summary>The <c>webhook-id</c> header: the same on every attempt and replay, for receivers to de-duplicate.</summary>
    public string MessageId { get; set; } = "";

    /// <summary>Event type.</summary>
    public string EventType { get; set; } = "";

    /// <summary>Status.</summary>
    public WebhookDeliveryStatus Status { get; set; }

    /// <summary>Attempts so far.</summary>
    public int AttemptCount { get; set; }

    /// <summary>When the next attempt is due (UTC), while pending.</summary>
    public DateTimeOffset? NextAttemptAt { get; set; }

    /// <summary>Created (UTC).</summary>
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>Attempts, oldest first.</summary>
    public IReadOnlyList<WebhookAttemptInfo> Attempts { get; set; } = [];
}

/// <summary>One HTTP attempt.</summary>
public sealed class WebhookAttemptInfo
{
    /// <summary>When (UTC).</summary>
    public DateTimeOffset At { get; set; }

    /// <summary>The endpoint's status code; null when no answer came (refused, timed out, not allowed).</summary>
    public int? StatusCode { get; set; }

    /// <summary>Milliseconds until the answer (or the failure).</summary>
    public int LatencyMs { get; set; }

    /// <summary>Start of the answer's body.</summary>
    public string? ResponseSnippet { get; set; }

    /// <summary>Why there was no answer.</summary>
    public string? Error { get; set; }
}
