using System.Collections.Concurrent;
using Vtis.GhostCut;

namespace Vtis.TestSupport;

/// <summary>Every work the simulator created, with increasing work and batch ids.</summary>
internal sealed class WorkRegistry(long firstWorkId, long firstProjectId)
{
    private readonly ConcurrentDictionary<long, SimulatedWork> _works = new();
    private long _lastWorkId = firstWorkId - 1;
    private long _lastProjectId = firstProjectId - 1;

    public long NextWorkId() => Interlocked.Increment(ref _lastWorkId);

    public long NextProjectId() => Interlocked.Increment(ref _lastProjectId);

    public void Add(SimulatedWork work) => _works[work.Id] = work;

    public SimulatedWork? Find(long workId) => _works.GetValueOrDefault(workId);

    /// <summary>Works named by id or by batch; unknown ids simply match nothing, as on GhostCut.</summary>
    public IEnumerable<GhostCutWork> Matching(GhostCutWorkQuery query, DateTimeOffset now)
    {
        var ids = query.IdWorks?.ToHashSet() ?? [];
        var projects = query.IdProjects?.ToHashSet() ?? [];
        return _works.Values
            .Select(work => work.Snapshot(now))
            .Where(row => ids.Contains(row.Id) || projects.Contains(row.IdProject))
            .OrderBy(row => row.Id);
    }
}
