using Vtis.ServiceModel.Webhooks;

namespace Vtis.ServiceInterface.Data;

/// <summary>An integrator's URL that receives signed events.</summary>
public sealed class WebhookEndpoint : ITenantOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid AccountId { get; set; }
    public string Url { get; set; } = "";
    public string? Description { get; set; }

    /// <summary>Subscribed event types, space-separated.</summary>
    public string EventTypes { get; set; } = "";

    public bool Enabled { get; set; } = true;

    /// <summary>The signing secret (<c>whsec_…</c>). Kept as is because every delivery is signed with it.</summary>
    public string Secret { get; set; } = "";

    /// <summary>The secret before the last rotation, which still signs until <see cref="PreviousSecretExpiresAt"/>.</summary>
    public string? PreviousSecret { get; set; }

    public DateTimeOffset? PreviousSecretExpiresAt { get; set; }

    /// <summary>Start of the current run of failed attempts; reset by any success.</summary>
    public DateTimeOffset? FailingSince { get; set; }

    public DateTimeOffset? DisabledAt { get; set; }
    public string? DisabledReason { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }

    public IReadOnlyList<string> Types => EventTypes.Split(' ', StringSplitOptions.RemoveEmptyEntries);
}

/// <summary>An event in the outbox: written in the same transaction as the change that caused it. Its id is the
/// <c>webhook-id</c> every endpoint receives it under.</summary>
public sealed class WebhookMessage : ITenantOwned
{
    public string Id { get; set; } = "";
    public Guid AccountId { get; set; }
    public string EventType { get; set; } = "";

    /// <summary>The body exactly as sent: <c>{type, timestamp, data}</c>.</summary>
    public string Payload { get; set; } = "";

    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>One message for one endpoint: its attempts and where it stands.</summary>
public sealed class WebhookDelivery : ITenantOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid AccountId { get; set; }
    public Guid EndpointId { get; set; }
    public string MessageId { get; set; } = "";
    public WebhookMessage? Message { get; set; }
    public WebhookDeliveryStatus Status { get; set; }

    /// <summary>Attempts in the current run (a replay starts a new run).</summary>
    public int Attempts { get; set; }

    public DateTimeOffset? NextAttemptAt { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public List<WebhookAttempt> AttemptLog { get; set; } = [];

    /// <summary>Optimistic concurrency token: two workers never both record the same attempt.</summary>
    public int Version { get; set; }

    /// <summary>A new run of attempts for the same message (a replay): the receiver sees the same webhook-id.</summary>
    public void StartOver(DateTimeOffset now)
    {
        Status = WebhookDeliveryStatus.Pending;
        Attempts = 0;
        NextAttemptAt = now;
        UpdatedAt = now;
        Version++;
    }
}

/// <summary>One HTTP attempt of a delivery.</summary>
public sealed class WebhookAttempt
{
    public long Id { get; set; }
    public Guid DeliveryId { get; set; }
    public DateTimeOffset At { get; set; }
    public int? StatusCode { get; set; }
    public int LatencyMs { get; set; }
    public string? ResponseSnippet { get; set; }
    public string? Error { get; set; }
}
