namespace Vtis.TestSupport;

/// <summary>What the simulator received and sent, for tests to assert on.</summary>
internal sealed class SimulatorLog
{
    private readonly Lock _gate = new();
    private readonly List<GhostCutRequestRecord> _requests = [];
    private readonly List<GhostCutCallbackAttempt> _callbacks = [];

    public IReadOnlyList<GhostCutRequestRecord> Requests
    {
        get
        {
            lock (_gate)
            {
                return [.. _requests];
            }
        }
    }

    public IReadOnlyList<GhostCutCallbackAttempt> Callbacks
    {
        get
        {
            lock (_gate)
            {
                return [.. _callbacks];
            }
        }
    }

    public void Add(GhostCutRequestRecord request)
    {
        lock (_gate)
        {
            _requests.Add(request);
        }
    }

    public void Add(GhostCutCallbackAttempt attempt)
    {
        lock (_gate)
        {
            _callbacks.Add(attempt);
        }
    }
}
