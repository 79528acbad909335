namespace Vtis.TestSupport;

/// <summary>
/// Scenario controls of a running <see cref="GhostCutSimulator"/>, safe to change from any thread. API faults are
/// consumed first-in first-out, one per API request, before any other check.
/// </summary>
public sealed class GhostCutSimulatorBehavior
{
    private readonly Lock _gate = new();
    private readonly Queue<ApiFault> _faults = new();
    private readonly Queue<GhostCutWorkScenario> _nextWorks = new();
    private readonly List<(string Fragment, GhostCutWorkScenario Scenario)> _byUrl = [];
    private volatile bool _idsAsStrings;

    /// <summary>Send ids as numeric strings instead of numbers (both shapes occur in the wild).</summary>
    public bool IdsAsStrings
    {
        get => _idsAsStrings;
        set => _idsAsStrings = value;
    }

    /// <summary>Answer the next API requests with an HTTP error status and no envelope.</summary>
    /// <param name="status">E.g. 500 or 429.</param>
    /// <param name="times">How many requests.</param>
    public void FailWithHttpStatus(int status, int times = 1) => Enqueue(new ApiFault(status, null, null), times);

    /// <summary>Answer the next API requests with HTTP 200 and an error envelope.</summary>
    /// <param name="code">E.g. 3006 (rate limit) or 9999.</param>
    /// <param name="times">How many requests.</param>
    public void FailWithCode(int code, int times = 1) => Enqueue(new ApiFault(null, code, null), times);

    /// <summary>Hold the next API requests before handling them normally (past a client timeout, say).</summary>
    /// <param name="delay">How long to hold each; the request still takes effect afterwards, as a real one would.</param>
    /// <param name="times">How many requests.</param>
    public void Hang(TimeSpan delay, int times = 1) => Enqueue(new ApiFault(null, null, delay), times);

    /// <summary>Apply a scenario to the next work created (first URL of the next create call).</summary>
    /// <param name="scenario">The scenario.</param>
    public void ForNextWork(GhostCutWorkScenario scenario)
    {
        lock (_gate)
        {
            _nextWorks.Enqueue(scenario);
        }
    }

    /// <summary>Apply a scenario to every later work whose input URL contains a fragment.</summary>
    /// <param name="fragment">Matched case-sensitively anywhere in the URL.</param>
    /// <param name="scenario">The scenario.</param>
    public void ForUrlContaining(string fragment, GhostCutWorkScenario scenario)
    {
        lock (_gate)
        {
            _byUrl.Add((fragment, scenario));
        }
    }

    /// <summary>Forget every fault and scenario, and send ids as numbers again.</summary>
    public void Reset()
    {
        lock (_gate)
        {
            _faults.Clear();
            _nextWorks.Clear();
            _byUrl.Clear();
            _idsAsStrings = false;
        }
    }

    internal ApiFault? TakeFault()
    {
        lock (_gate)
        {
            return _faults.TryDequeue(out var fault) ? fault : null;
        }
    }

    internal GhostCutWorkScenario ScenarioFor(string url)
    {
        lock (_gate)
        {
            if (_nextWorks.TryDequeue(out var next))
            {
                return next;
            }

            return _byUrl.FirstOrDefault(rule => url.Contains(rule.Fragment, StringComparison.Ordinal)).Scenario
                ?? GhostCutWorkScenario.Normal;
        }
    }

    private void Enqueue(ApiFault fault, int times)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(times);
        lock (_gate)
        {
            for (var i = 0; i < times; i++)
            {
                _faults.Enqueue(fault);
            }
        }
    }
}

/// <summary>One injected API fault: an HTTP status, an envelope code, or a delay before normal handling.</summary>
internal sealed record ApiFault(int? HttpStatus, int? Code, TimeSpan? Delay);
