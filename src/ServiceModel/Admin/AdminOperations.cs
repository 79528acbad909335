using System.ComponentModel.DataAnnotations;

namespace Vtis.ServiceModel.Admin;

/// <summary>All users across accounts, newest first (admin only).</summary>
[Route("/api/v1/admin/users", "GET"), RequiredRole(Roles.Admin), Tag("Admin")]
public sealed class ListUsers : PagedRequest, IReturn<PagedResult<AdminUser>>
{
    /// <summary>Filter by email or display name (substring).</summary>
    [StringLength(100)]
    public string? Search { get; set; }
}

/// <summary>A user as the admin console shows it.</summary>
public sealed class AdminUser
{
    /// <summary>User id.</summary>
    public Guid Id { get; set; }

    /// <summary>Email.</summary>
    public string Email { get; set; } = "";

    /// <summary>Display name.</summary>
    public string DisplayName { get; set; } = "";

    /// <summary>Account id.</summary>
    public Guid AccountId { get; set; }

    /// <summary>Roles.</summary>
    public IReadOnlyList<string> Roles { get; set; } = [];

    /// <summary>Sign-up time (UTC).</summary>
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>Locked out until (UTC), if locked.</summary>
    public DateTimeOffset? LockedUntil { get; set; }
}

/// <summary>The job queue: counts per state and the most recent failed (dead-lettered) messages (admin only).</summary>
[Route("/api/v1/admin/queue", "GET"), RequiredRole(Roles.Admin), Tag("Admin")]
public sealed class GetQueueStatus : IReturn<QueueStatus>
{
    /// <summary>How many failed messages to list (default 20).</summary>
    [Range(1, 200)]
    public int? FailedCount { get; set; }
}

/// <summary>State of the job queue.</summary>
public sealed class QueueStatus
{
    /// <summary>Queue storage: redis or memory.</summary>
    public string Storage { get; set; } = "";

    /// <summary>Messages waiting for a worker.</summary>
    public long Enqueued { get; set; }

    /// <summary>Messages waiting for their retry time.</summary>
    public long Scheduled { get; set; }

    /// <summary>Messages being processed.</summary>
    public long Processing { get; set; }

    /// <summary>Messages that exhausted their retries (dead letters).</summary>
    public long Failed { get; set; }

    /// <summary>Messages done.</summary>
    public long Succeeded { get; set; }

    /// <summary>Worker processes connected.</summary>
    public long Servers { get; set; }

    /// <summary>Most recent dead letters.</summary>
    public IReadOnlyList<FailedMessage> RecentFailures { get; set; } = [];
}

/// <summary>A message that exhausted its retries.</summary>
public sealed class FailedMessage
{
    /// <summary>Queue message id.</summary>
    public string Id { get; set; } = "";

    /// <summary>What it was to do, e.g. <c>JobRunner.RunAsync</c>.</summary>
    public string Work { get; set; } = "";

    /// <summary>The job it was about, when it names one.</summary>
    public Guid? JobId { get; set; }

    /// <summary>The last error.</summary>
    public string? Error { get; set; }

    /// <summary>When it failed (UTC).</summary>
    public DateTimeOffset? FailedAt { get; set; }
}
