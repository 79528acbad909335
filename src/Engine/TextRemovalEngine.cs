using System.Diagnostics;
using OpenCvSharp;
using Vtis.Engine.Detection;
using Vtis.Engine.Inpainting;
using Vtis.Engine.Media;

namespace Vtis.Engine;

/// <summary>Finds burned-in text in a video and removes it, keeping the audio. Thread-safe; share one instance.</summary>
/// <remarks>Frames stream through a sliding window (decode → detect every k frames → plan boxes → track camera
/// motion → fill → encode), so memory depends on the frame size and the window, never on the video's length.</remarks>
public sealed class TextRemovalEngine(EngineOptions options) : IDisposable
{
    private readonly Lazy<Detection.TextDetector> _detector = new(() => new Detection.TextDetector(options), LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>Cleans <see cref="RemovalRequest.InputPath"/> into <see cref="RemovalRequest.OutputPath"/>.</summary>
    /// <exception cref="EngineInputException">The input is not a video the engine can read.</exception>
    /// <exception cref="OperationCanceledException">Cancelled; no output file is left behind.</exception>
    public async Task<RemovalResult> RunAsync(RemovalRequest request, IProgress<RemovalProgress>? progress = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var clock = Stopwatch.StartNew();
        var source = await VideoSource.ProbeAsync(options.FfprobePath, request.InputPath, ct);
        Timing.Add("probe", clock.Elapsed.TotalMilliseconds);
        if (request.Detect) Timing.Run("model", () => _detector.Value); // fail early, with its message, if the model is missing
        // OpenCV works on crops a few hundred pixels tall: splitting each call over threads costs more than it
        // gives. The engine is parallel by stages instead (decoder, detector, cleaning, encoder).
        Cv2.SetNumThreads(1);
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(request.OutputPath))!);

        using var run = new EngineRun(options, source, request, request.Detect ? _detector.Value : null, progress);
        try
        {
            var (frames, withText) = await run.ExecuteAsync(ct);
            progress?.Report(new RemovalProgress(frames, frames));
            return new RemovalResult(frames, source.Width, source.Height, source.DurationSeconds, withText, clock.Elapsed);
        }
        catch
        {
            File.Delete(FrameWriter.TempPathFor(request.OutputPath));
            throw;
        }
    }

    /// <summary>Why the detection model cannot be loaded (with how to install it), or null when it is there.</summary>
    public static string? MissingModel(EngineOptions options) => Detection.TextDetector.MissingModel(options);

    public void Dispose()
    {
        if (_detector.IsValueCreated) _detector.Value.Dispose();
    }
}
