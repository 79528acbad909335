using Vtis.ServiceInterface.Data;
using Vtis.ServiceModel.Jobs;

namespace Vtis.ServiceInterface.Jobs.Processing;

/// <summary>Something that turns a job's input into a cleaned output: the local engine or GhostCut.</summary>
public interface IJobProcessor
{
    ProcessorKind Kind { get; }

    /// <summary>Starts or runs the job. Report progress (0–100) as it goes. Throw <see cref="JobFailedException"/>
    /// for a failure that retrying cannot fix; any other exception is treated as transient and retried.</summary>
    Task<ProcessorOutcome> RunAsync(Job job, IProgress<int> progress, CancellationToken ct);
}

/// <summary>How a processor run ended.</summary>
public abstract record ProcessorOutcome
{
    /// <summary>The output is stored under <paramref name="OutputKey"/>.</summary>
    public sealed record Completed(string OutputKey) : ProcessorOutcome;

    /// <summary>The work continues elsewhere (GhostCut); a callback or the poller finishes the job.</summary>
    public sealed record Pending : ProcessorOutcome;
}

/// <summary>A permanent failure with a stable code and a message for the user.</summary>
public sealed class JobFailedException(string code, string message) : Exception(message)
{
    public string Code { get; } = code;
}

/// <summary>The processors this deployment has, and which one <see cref="ProcessorKind.Auto"/> means.</summary>
public sealed class ProcessorCatalog(IEnumerable<IJobProcessor> processors)
{
    private readonly Dictionary<ProcessorKind, IJobProcessor> _byKind = processors.ToDictionary(p => p.Kind);

    /// <summary>GhostCut when configured, else the local engine.</summary>
    public ProcessorKind? Resolve(ProcessorKind requested) => requested switch
    {
        ProcessorKind.Auto when _byKind.ContainsKey(ProcessorKind.GhostCut) => ProcessorKind.GhostCut,
        ProcessorKind.Auto when _byKind.ContainsKey(ProcessorKind.Local) => ProcessorKind.Local,
        ProcessorKind.Auto => null,
        _ => _byKind.ContainsKey(requested) ? requested : null,
    };

    public IJobProcessor For(ProcessorKind kind) =>
        _byKind.TryGetValue(kind, out var processor) ? processor : throw new JobFailedException("processor-unavailable",
            $"The {kind} processor is not available on this server.");
}
