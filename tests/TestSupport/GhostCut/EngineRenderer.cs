using Vtis.Engine;
using Vtis.GhostCut;

namespace Vtis.TestSupport;

/// <summary>Results made by the local engine: GhostCut's removal masks become engine regions (the engine detects
/// text itself when there are none, as GhostCut does), and an unreadable input fails like GhostCut's code 16.</summary>
internal static class EngineRenderer
{
    private static readonly Lazy<TextRemovalEngine> Engine = new(() => new TextRemovalEngine(new EngineOptions()));

    public static async Task<WorkOutcome> RenderAsync(
        string input, string output, IReadOnlyList<GhostCutMask> masks, TimeSpan timeout, CancellationToken ct)
    {
        var regions = masks.Where(m => m.Type != GhostCutMaskType.Keep).Select(Region).OfType<TextRegion>().ToList();
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(ct);
        limit.CancelAfter(timeout);
        try
        {
            var result = await Engine.Value.RunAsync(
                new RemovalRequest { InputPath = input, OutputPath = output, Regions = regions, Detect = regions.Count == 0 },
                ct: limit.Token);
            return WorkOutcome.Succeeded(result.DurationSeconds);
        }
        catch (EngineInputException unreadable)
        {
            return WorkOutcome.Failed(GhostCutFailures.Corrupt, $"The video may be corrupt: {unreadable.Message}");
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return WorkOutcome.Failed(GhostCutFailures.TimedOut, "Rendering timed out.");
        }
    }

    private static TextRegion? Region(GhostCutMask mask)
    {
        var xs = mask.Region.Select(point => Math.Clamp(point[0], 0, 1)).ToList();
        var ys = mask.Region.Select(point => Math.Clamp(point[1], 0, 1)).ToList();
        if (xs.Count == 0 || xs.Max() <= xs.Min() || ys.Max() <= ys.Min()) return null;
        var end = mask.End is { } e and < GhostCutMask.UntilEnd ? e : (double?)null;
        return new TextRegion(xs.Min(), ys.Min(), xs.Max(), ys.Max(), mask.Start > 0 ? mask.Start : null, end);
    }
}
