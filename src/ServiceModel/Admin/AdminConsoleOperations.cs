using System.ComponentModel.DataAnnotations;

namespace Vtis.ServiceModel.Admin;

/// <summary>What the admin console shows: every resource with its fields, filters, sort keys and actions. The
/// console renders any resource from this alone (admin only).</summary>
[Route("/api/v1/admin/metadata", "GET"), RequiredRole(Roles.Admin), Tag("Admin")]
public sealed class GetAdminMetadata : IReturn<AdminMetadata>;

/// <summary>One page of a resource's rows, sorted and filtered on the server (admin only).</summary>
[Route("/api/v1/admin/resources/{resource}", "GET"), RequiredRole(Roles.Admin), Tag("Admin")]
public sealed class ListAdminRows : PagedRequest, IReturn<PagedResult<Dictionary<string, object?>>>
{
    /// <summary>Resource name, e.g. <c>jobs</c>.</summary>
    [Required, StringLength(50)]
    public string Resource { get; set; } = "";

    /// <summary>A sortable field; the resource's default order when empty.</summary>
    [StringLength(50)]
    public string? Sort { get; set; }

    /// <summary>Sort descending.</summary>
    public bool? Desc { get; set; }

    /// <summary>Text to look for in the searchable fields.</summary>
    [StringLength(200)]
    public string? Search { get; set; }

    /// <summary>Filters as <c>field:value</c> (equality; enums by name).</summary>
    public string[]? Filter { get; set; }
}

/// <summary>One row with every field, list-hidden ones included (admin only).</summary>
[Route("/api/v1/admin/resources/{resource}/{id}", "GET"), RequiredRole(Roles.Admin), Tag("Admin")]
public sealed class GetAdminRow : IReturn<Dictionary<string, object?>>
{
    /// <summary>Resource name.</summary>
    [Required, StringLength(50)]
    public string Resource { get; set; } = "";

    /// <summary>The row's id.</summary>
    [Required, StringLength(100)]
    public string Id { get; set; } = "";
}

/// <summary>The filtered, sorted rows as CSV (up to 10,000), for a spreadsheet (admin only).</summary>
[Route("/api/v1/admin/resources/{resource}/export", "GET"), RequiredRole(Roles.Admin), Tag("Admin")]
public sealed class ExportAdminRows : IReturn<AdminExport>
{
    /// <summary>Resource name.</summary>
    [Required, StringLength(50)]
    public string Resource { get; set; } = "";

    /// <summary>As in the list.</summary>
    [StringLength(50)]
    public string? Sort { get; set; }

    /// <summary>As in the list.</summary>
    public bool? Desc { get; set; }

    /// <summary>As in the list.</summary>
    [StringLength(200)]
    public string? Search { get; set; }

    /// <summary>As in the list.</summary>
    public string[]? Filter { get; set; }
}

/// <summary>Health of the service's parts, the queue and figures over time (admin only).</summary>
[Route("/api/v1/admin/system", "GET"), RequiredRole(Roles.Admin), Tag("Admin")]
public sealed class GetSystemStatus : IReturn<SystemStatus>
{
    /// <summary>Days of history for the charts (default 14).</summary>
    [Range(1, 90)]
    public int? Days { get; set; }
}

/// <summary>Disables or enables a user: a disabled user cannot sign in, refresh a session or use API keys (access
/// tokens already issued run out within their lifetime) (admin only).</summary>
[Route("/api/v1/admin/users/{id}/disabled", "PUT"), RequiredRole(Roles.Admin), Tag("Admin")]
public sealed class SetUserDisabled : IReturn<AdminUser>
{
    /// <summary>User id.</summary>
    public Guid Id { get; set; }

    /// <summary>True to disable, false to enable.</summary>
    public bool Disabled { get; set; }
}

/// <summary>Gives or takes the admin role (admin only; nobody can take their own).</summary>
[Route("/api/v1/admin/users/{id}/admin", "PUT"), RequiredRole(Roles.Admin), Tag("Admin")]
public sealed class SetUserAdmin : IReturn<AdminUser>
{
    /// <summary>User id.</summary>
    public Guid Id { get; set; }

    /// <summary>True to make the user an admin.</summary>
    public bool Admin { get; set; }
}

/// <summary>Cancels any account's job that is still queued or processing; its credits are released (admin only).</summary>
[Route("/api/v1/admin/jobs/{id}/cancel", "POST"), RequiredRole(Roles.Admin), Tag("Admin")]
public sealed class AdminCancelJob : IReturnVoid
{
    /// <summary>Job id.</summary>
    public Guid Id { get; set; }
}

/// <summary>Runs a failed or cancelled job again as a new job of the same account: same input, settings and name, its
/// credits reserved from that account like any submit (402 when it cannot afford them) (admin only).</summary>
[Route("/api/v1/admin/jobs/{id}/retry", "POST", Status = 201), RequiredRole(Roles.Admin), Tag("Admin")]
public sealed class AdminRetryJob : IReturn<Jobs.JobInfo>
{
    /// <summary>Job id.</summary>
    public Guid Id { get; set; }
}

/// <summary>Sends any account's webhook delivery again (admin only).</summary>
[Route("/api/v1/admin/webhook-deliveries/{id}/replay", "POST", Status = 202), RequiredRole(Roles.Admin), Tag("Admin")]
public sealed class AdminReplayDelivery : IReturnVoid
{
    /// <summary>Delivery id.</summary>
    public Guid Id { get; set; }
}

/// <summary>The console's description of the server.</summary>
public sealed class AdminMetadata
{
    /// <summary>Resources in menu order.</summary>
    public IReadOnlyList<AdminResourceInfo> Resources { get; set; } = [];
}

/// <summary>A resource the console lists.</summary>
public sealed class AdminResourceInfo
{
    /// <summary>Name in routes, e.g. <c>jobs</c>.</summary>
    public string Name { get; set; } = "";

    /// <summary>Menu label.</summary>
    public string Label { get; set; } = "";

    /// <summary>The field that identifies a row.</summary>
    public string IdField { get; set; } = "id";

    /// <summary>Default sort field, descending.</summary>
    public string DefaultSort { get; set; } = "";

    /// <summary>Fields in display order.</summary>
    public IReadOnlyList<AdminFieldInfo> Fields { get; set; } = [];

    /// <summary>What can be done to a row.</summary>
    public IReadOnlyList<AdminActionInfo> Actions { get; set; } = [];
}

/// <summary>A field of a resource.</summary>
public sealed class AdminFieldInfo
{
    /// <summary>camelCase name, as in rows.</summary>
    public string Name { get; set; } = "";

    /// <summary>Column label.</summary>
    public string Label { get; set; } = "";

    /// <summary>string, integer, number, boolean, datetime, guid or enum.</summary>
    public string Type { get; set; } = "string";

    /// <summary>Values of an enum field.</summary>
    public IReadOnlyList<string>? Values { get; set; }

    /// <summary>Can be filtered by equality.</summary>
    public bool Filterable { get; set; }

    /// <summary>Can be sorted by.</summary>
    public bool Sortable { get; set; }

    /// <summary>Searched by the search box.</summary>
    public bool Searchable { get; set; }

    /// <summary>Shown in the detail view only.</summary>
    public bool DetailOnly { get; set; }

    /// <summary>The resource whose row this field's value is the id of (for links), if any.</summary>
    public string? References { get; set; }
}

/// <summary>An operation the console can run on a row: a form from the request DTO's fields.</summary>
public sealed class AdminActionInfo
{
    /// <summary>The request DTO's name, e.g. <c>AdjustCredits</c>.</summary>
    public string Name { get; set; } = "";

    /// <summary>Button label.</summary>
    public string Label { get; set; } = "";

    /// <summary>HTTP verb.</summary>
    public string Method { get; set; } = "POST";

    /// <summary>Route with <c>{parameters}</c>, filled from the row (see <see cref="RowValues"/>).</summary>
    public string Route { get; set; } = "";

    /// <summary>Route parameter -> row field.</summary>
    public IReadOnlyDictionary<string, string> RowValues { get; set; } = new Dictionary<string, string>();

    /// <summary>Body fields to ask for (those not filled from the row), from the DTO's properties and annotations.</summary>
    public IReadOnlyList<AdminInputInfo> Inputs { get; set; } = [];

    /// <summary>Fixed body values (e.g. <c>disabled: true</c> for a "Disable" action).</summary>
    public IReadOnlyDictionary<string, object?> Values { get; set; } = new Dictionary<string, object?>();

    /// <summary>Ask to confirm before running.</summary>
    public bool Confirm { get; set; }

    /// <summary>Summary of the operation (the DTO's documentation).</summary>
    public string? Description { get; set; }
}

/// <summary>A form field of an action.</summary>
public sealed class AdminInputInfo
{
    /// <summary>camelCase name in the body.</summary>
    public string Name { get; set; } = "";

    /// <summary>string, integer, number, boolean, guid or enum.</summary>
    public string Type { get; set; } = "string";

    /// <summary>Must be given.</summary>
    public bool Required { get; set; }

    /// <summary>Smallest value allowed.</summary>
    public double? Minimum { get; set; }

    /// <summary>Largest value allowed.</summary>
    public double? Maximum { get; set; }

    /// <summary>Longest text allowed.</summary>
    public int? MaxLength { get; set; }

    /// <summary>Shortest text allowed.</summary>
    public int? MinLength { get; set; }

    /// <summary>Values of an enum input.</summary>
    public IReadOnlyList<string>? Values { get; set; }
}

/// <summary>A CSV file.</summary>
public sealed class AdminExport
{
    /// <summary>Suggested file name.</summary>
    public string FileName { get; set; } = "";

    /// <summary>The CSV (RFC 4180, header row first).</summary>
    public string Csv { get; set; } = "";

    /// <summary>Rows in it.</summary>
    public int Rows { get; set; }
}

/// <summary>The service as an operator sees it.</summary>
public sealed class SystemStatus
{
    /// <summary>Overall health: Healthy, Degraded or Unhealthy.</summary>
    public string Health { get; set; } = "";

    /// <summary>Each dependency's health.</summary>
    public IReadOnlyList<HealthEntry> Checks { get; set; } = [];

    /// <summary>The job queue.</summary>
    public QueueStatus Queue { get; set; } = new();

    /// <summary>Per day, oldest first.</summary>
    public IReadOnlyList<DayFigures> Days { get; set; } = [];

    /// <summary>Processing time of completed jobs in the period (seconds), 50th percentile.</summary>
    public double? ProcessingP50Seconds { get; set; }

    /// <summary>95th percentile.</summary>
    public double? ProcessingP95Seconds { get; set; }

    /// <summary>Failed jobs over finished jobs in the period (0..1).</summary>
    public double? FailureRate { get; set; }
}

/// <summary>One dependency's health.</summary>
public sealed class HealthEntry
{
    /// <summary>Check name, e.g. <c>database</c>.</summary>
    public string Name { get; set; } = "";

    /// <summary>Healthy, Degraded or Unhealthy.</summary>
    public string Status { get; set; } = "";

    /// <summary>What it found.</summary>
    public string? Description { get; set; }

    /// <summary>How long the check took.</summary>
    public double DurationMs { get; set; }
}

/// <summary>A day's figures (UTC days).</summary>
public sealed class DayFigures
{
    /// <summary>The day, <c>yyyy-MM-dd</c>.</summary>
    public string Day { get; set; } = "";

    /// <summary>Jobs created that day by their status now.</summary>
    public IReadOnlyDictionary<string, int> JobsByStatus { get; set; } = new Dictionary<string, int>();

    /// <summary>Credits bought that day.</summary>
    public long CreditsSold { get; set; }

    /// <summary>Credits charged for jobs that day.</summary>
    public long CreditsUsed { get; set; }
}
