using OpenCvSharp;

namespace Vtis.Engine.Inpainting;

/// <summary>Fills a frame's text pixels (its <see cref="FrameSlot.Marks"/>) from what other frames show of the same
/// spot, aligned for camera motion and nearest in time first, behind and ahead in turn; then from the background
/// mosaic (what the camera showed earlier, or what was painted there before); only what no frame shows is painted
/// spatially. Only the text pixels are written: everything else in the frame leaves as it came.</summary>
internal sealed class FrameCleaner(InpaintMethod method, int behind, int ahead, int chromaShift)
{
    /// <summary>Writes the cleaned text pixels of <paramref name="target"/> into <paramref name="output"/> (the planes
    /// of the frame being written, a copy of the target) and marks in <paramref name="status"/> where each luma pixel
    /// came from, for the mosaic.</summary>
    /// <param name="window">Frames around the target, in index order, with their motion and marks known.</param>
    /// <param name="mosaic">Background seen so far, following the camera up to the target.</param>
    public void Clean(FrameSlot target, IReadOnlyList<FrameSlot> window, BackgroundMosaic? mosaic, IReadOnlyList<Mat> output, Mat status)
    {
        status.SetTo(Scalar.All(BackgroundMosaic.Fresh));
        if (target.Marks is not { IsEmpty: false } marks) return;
        var at = IndexOf(target, window);

        // Each group of nearby tiles is filled on its own: a caption at the top and a subtitle at the bottom must not
        // make every step work on the whole frame between them.
        foreach (var region in Regions([.. marks.Tiles.Select(t => t.Area)]))
        {
            using var fill = new RegionFill(target, region, chromaShift);
            if (method == InpaintMethod.Temporal) Timing.Run("fromother", () => FromOtherFrames(fill, window, at, mosaic));
            Timing.Run("spatial", () => fill.Spatially(target));
            fill.WriteTo(output);
            using var statusRegion = new Mat(status, region);
            fill.Status.CopyTo(statusRegion);
        }
    }

    private void FromOtherFrames(RegionFill fill, IReadOnlyList<FrameSlot> window, int at, BackgroundMosaic? mosaic)
    {
        var target = window[at];
        var toCanvas = mosaic?.ToCanvas;
        foreach (var d in Distances)
        {
            if (d > Math.Max(behind, ahead) || fill.NearlyDone) break;
            // Past the nearest frames, background the camera showed earlier (the mosaic) comes first: it answers for
            // all the remaining pixels at once, and the frames farther ahead only for what it never saw.
            if (d == MosaicAfter && toCanvas is { } canvas) fill.FromMosaic(mosaic!, mosaic!.Seen, canvas, BackgroundMosaic.Reused);
            if (d <= behind && at - d >= 0 && Between(target, window[at - d]) is { } toPast)
                Timing.Run("fromframe", () => fill.FromFrame(window[at - d], toPast));
            if (d <= ahead && at + d < window.Count && !fill.NearlyDone && Between(target, window[at + d]) is { } toFuture)
                Timing.Run("fromframe", () => fill.FromFrame(window[at + d], toFuture));

        }

        // What no frame in reach shows: earlier painting (keeps it steady).
        if (!fill.Done && toCanvas is { } known) fill.FromMosaic(mosaic!, mosaic!.Known, known, BackgroundMosaic.Reused);
    }

    /// <summary>Frames either side tried before the mosaic.</summary>
    private const int MosaicAfter = 6;

    /// <summary>Distances (frames) tried each side: every frame near, fewer farther, where neighbours show the same.</summary>
    private static readonly int[] Distances = [1, 2, 3, 4, 5, 6, 8, 10, 12, 15, 18, 22, 26, 31, 36, 40, 46, 53, 60, 70, 80, 90];

    /// <summary>Maps <paramref name="from"/>'s pixels to <paramref name="to"/>'s, or null across a cut.</summary>
    private static Affine? Between(FrameSlot from, FrameSlot to) =>
        from.Pose is { } a && to.Pose is { } b && from.Shot == to.Shot ? b.Inverse().After(a) : null;

    private static int IndexOf(FrameSlot target, IReadOnlyList<FrameSlot> window)
    {
        for (var i = 0; i < window.Count; i++)
            if (ReferenceEquals(window[i], target)) return i;
        throw new InvalidOperationException("The target frame is not in the window.");
    }

    /// <summary>Rectangles grouped until no two overlap.</summary>
    internal static List<Rect> Regions(List<Rect> regions)
    {
        for (var merged = true; merged;)
        {
            merged = false;
            for (var a = 0; a < regions.Count && !merged; a++)
                for (var b = a + 1; b < regions.Count; b++)
                {
                    if (!regions[a].IntersectsWith(regions[b])) continue;
                    regions[a] |= regions[b];
                    regions.RemoveAt(b);
                    merged = true;
                    break;
                }
        }
        return regions;
    }
}
