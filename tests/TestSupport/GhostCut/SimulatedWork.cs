using Vtis.GhostCut;

namespace Vtis.TestSupport;

/// <summary>How a work ended: success (processStatus 1) or a GhostCut failure code with its detail.</summary>
internal sealed record WorkOutcome(int ProcessStatus, string ErrorDetail, double? Duration)
{
    public static WorkOutcome Succeeded(double? duration) => new(1, "", duration);

    public static WorkOutcome Failed(int processStatus, string errorDetail) => new(processStatus, errorDetail, null);
}

/// <summary>A work inside the simulator: its row, advanced by <see cref="WorkProcessor"/> and read by the API.</summary>
internal sealed class SimulatedWork(
    GhostCutWork created, string? callback, IReadOnlyList<GhostCutMask> masks, GhostCutWorkScenario scenario,
    string resultUrl, TimeSpan processingFor)
{
    private const int Queued = -1;
    private const int Processing = 0;
    private readonly Lock _gate = new();
    private GhostCutWork _row = created with { ProcessStatus = Queued, ProcessStatusEnum = Label(Queued) };
    private DateTimeOffset _processingSince;

    public long Id { get; } = created.Id;

    public string Url { get; } = created.Url ?? "";

    public string? Callback { get; } = callback;

    public IReadOnlyList<GhostCutMask> Masks { get; } = masks;

    public GhostCutWorkScenario Scenario { get; } = scenario;

    /// <summary>The row as a status query or a callback shows it now; progress rises with time while processing.</summary>
    public GhostCutWork Snapshot(DateTimeOffset now)
    {
        lock (_gate)
        {
            if (_row.ProcessStatus != Processing)
            {
                return _row;
            }

            var share = processingFor > TimeSpan.Zero ? (now - _processingSince) / processingFor : 1;
            return _row with { ProcessProgress = Math.Round(Math.Clamp(5 + (90 * share), 5, 95), 1) };
        }
    }

    public void StartProcessing(DateTimeOffset now)
    {
        lock (_gate)
        {
            _processingSince = now;
            _row = _row with { ProcessStatus = Processing, ProcessStatusEnum = Label(Processing) };
        }
    }

    public void Finish(WorkOutcome outcome)
    {
        var succeeded = outcome.ProcessStatus == 1;
        lock (_gate)
        {
            // A failed work also shows progress 100, as GhostCut's does: progress is never a sign of success.
            _row = _row with
            {
                ProcessStatus = outcome.ProcessStatus,
                ProcessStatusEnum = Label(outcome.ProcessStatus),
                ProcessProgress = 100,
                VideoUrl = succeeded ? resultUrl : "",
                ErrorDetail = outcome.ErrorDetail,
                Duration = outcome.Duration ?? _row.Duration,
                PaidPoint = succeeded ? Math.Ceiling(outcome.Duration ?? 0) : 0,
            };
        }
    }

    private static GhostCutStatusDescription Label(int status) => new()
    {
        Code = status,
        Description = status switch
        {
            Queued => "Queuing",
            Processing => "Processing",
            1 => "Success",
            _ => "Failed",
        },
    };
}
