namespace Vtis.Engine;

/// <summary>Finds burned-in text in a video and removes it, keeping the audio. Thread-safe; share one instance.</summary>
public sealed class TextRemovalEngine(EngineOptions options) : IDisposable
{
    /// <summary>Cleans <see cref="RemovalRequest.InputPath"/> into <see cref="RemovalRequest.OutputPath"/>.</summary>
    /// <exception cref="EngineInputException">The input is not a video the engine can read.</exception>
    /// <exception cref="OperationCanceledException">Cancelled; no output file is left behind.</exception>
    public Task<RemovalResult> RunAsync(RemovalRequest request, IProgress<RemovalProgress>? progress = null, CancellationToken ct = default)
        => throw new NotImplementedException(options.ToString());

    public void Dispose()
    {
    }
}
