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
