using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Vtis.ServiceInterface.Common;
using Vtis.ServiceInterface.Data;
using Vtis.ServiceModel;
using Vtis.ServiceModel.Admin;
using Vtis.ServiceModel.Jobs;

namespace Vtis.ServiceInterface.Admin;

/// <summary>The admin console's generic side: metadata, rows of any resource, CSV, and the system page.</summary>
public sealed class AdminConsoleService(AppDbContext db, HealthCheckService health, IQueueMonitor queue, TimeProvider clock) :
    IHandle<GetAdminMetadata, AdminMetadata>,
    IHandle<ListAdminRows, PagedResult<Dictionary<string, object?>>>,
    IHandle<GetAdminRow, Dictionary<string, object?>>,
    IHandle<ExportAdminRows, AdminExport>,
    IHandle<GetSystemStatus, SystemStatus>
{
    private const int MaxExportRows = 10_000;

    public Task<AdminMetadata> Handle(GetAdminMetadata request, CancellationToken ct) =>
        Task.FromResult(new AdminMetadata { Resources = [.. AdminCatalog.Resources.Select(r => r.Info)] });

    public async Task<PagedResult<Dictionary<string, object?>>> Handle(ListAdminRows request, CancellationToken ct)
    {
        var (page, size) = Paging.Of(request);
        var (rows, total) = await Resource(request.Resource).ListAsync(db, Query(request.Sort, request.Desc, request.Search, request.Filter),
            (page - 1) * size, size, ct);
        return new PagedResult<Dictionary<string, object?>> { Page = page, PageSize = size, Total = total, Items = rows };
    }

    public async Task<Dictionary<string, object?>> Handle(GetAdminRow request, CancellationToken ct) =>
        await Resource(request.Resource).GetAsync(db, request.Id, ct) ?? throw Problems.NotFound($"{request.Resource} {request.Id}");

    public async Task<AdminExport> Handle(ExportAdminRows request, CancellationToken ct)
    {
        var resource = Resource(request.Resource);
        var (rows, _) = await resource.ListAsync(db, Query(request.Sort, request.Desc, request.Search, request.Filter), 0, MaxExportRows, ct);
        var fields = resource.Info.Fields.Where(f => !f.DetailOnly).Select(f => f.Name).ToList();
        var csv = new StringBuilder();
        csv.AppendLine(string.Join(',', fields.Select(Cell)));
        foreach (var row in rows) csv.AppendLine(string.Join(',', fields.Select(f => Cell(Format(row.GetValueOrDefault(f))))));
        return new AdminExport
        {
            FileName = $"{request.Resource}-{clock.GetUtcNow():yyyyMMdd-HHmmss}.csv",
            Csv = csv.ToString(),
            Rows = rows.Count,
        };
    }

    public async Task<SystemStatus> Handle(GetSystemStatus request, CancellationToken ct)
    {
        var report = await health.CheckHealthAsync(ct);
        var days = request.Days ?? 14;
        var today = clock.GetUtcNow().UtcDateTime.Date;
        var since = new DateTimeOffset(today.AddDays(-(days - 1)), TimeSpan.Zero);

        var jobs = await db.Jobs.IgnoreQueryFilters().AsNoTracking().Where(j => j.CreatedAt >= since)
            .Select(j => new { j.CreatedAt, j.Status, j.StartedAt, j.CompletedAt }).ToListAsync(ct);
        var money = await db.CreditLedger.IgnoreQueryFilters().AsNoTracking()
            .Where(e => e.CreatedAt >= since && (e.Kind == CreditEntryKind.Purchase || e.Kind == CreditEntryKind.Charge))
            .Select(e => new { e.CreatedAt, e.Kind, e.Amount }).ToListAsync(ct);

        var figures = Enumerable.Range(0, days).Select(i => today.AddDays(i - days + 1)).Select(day => new DayFigures
        {
            Day = day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            JobsByStatus = jobs.Where(j => j.CreatedAt.UtcDateTime.Date == day).GroupBy(j => j.Status.ToString()).ToDictionary(g => g.Key, g => g.Count()),
            CreditsSold = money.Where(m => m.Kind == CreditEntryKind.Purchase && m.CreatedAt.UtcDateTime.Date == day).Sum(m => m.Amount),
            CreditsUsed = -money.Where(m => m.Kind == CreditEntryKind.Charge && m.CreatedAt.UtcDateTime.Date == day).Sum(m => m.Amount),
        }).ToList();

        var durations = jobs.Where(j => j.Status == JobStatus.Completed && j.StartedAt is not null && j.CompletedAt is not null)
            .Select(j => (j.CompletedAt!.Value - j.StartedAt!.Value).TotalSeconds).Order().ToList();
        var finished = jobs.Count(j => j.Status is JobStatus.Completed or JobStatus.Failed);
        return new SystemStatus
        {
            Health = report.Status.ToString(),
            Checks = [.. report.Entries.Select(e => new HealthEntry
            {
                Name = e.Key, Status = e.Value.Status.ToString(), Description = e.Value.Description ?? e.Value.Exception?.Message,
                DurationMs = Math.Round(e.Value.Duration.TotalMilliseconds, 1),
            })],
            Queue = queue.Read(10),
            Days = figures,
            ProcessingP50Seconds = Percentile(durations, 0.50),
            ProcessingP95Seconds = Percentile(durations, 0.95),
            FailureRate = finished == 0 ? null : Math.Round((double)jobs.Count(j => j.Status == JobStatus.Failed) / finished, 4),
        };
    }

    private static AdminResource Resource(string name) => AdminCatalog.Find(name) ?? throw Problems.NotFound($"Admin resource '{name}'");

    private static AdminQuery Query(string? sort, bool? desc, string? search, string[]? filters) => new(sort, desc ?? false, search, filters ?? []);

    private static double? Percentile(List<double> sorted, double p) =>
        sorted.Count == 0 ? null : Math.Round(sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Count) - 1, 0, sorted.Count - 1)], 2);

    private static string Format(object? value) => value switch
    {
        null => "",
        DateTimeOffset d => d.ToString("O", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    /// <summary>RFC 4180 quoting; a leading = + - @ is prefixed so a spreadsheet does not run it as a formula.</summary>
    private static string Cell(string text)
    {
        if (text.Length > 0 && "=+-@".Contains(text[0], StringComparison.Ordinal) && !double.TryParse(text, CultureInfo.InvariantCulture, out _)) text = "'" + text;
        return text.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? $"\"{text.Replace("\"", "\"\"", StringComparison.Ordinal)}\"" : text;
    }
}
