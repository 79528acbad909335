using Vtis.Engine.Detection;
using Vtis.Engine.Inpainting;

namespace Vtis.Engine;

/// <summary>What the engine learns about planned frames before it cleans them: the camera's pose in each frame, the
/// static overlays, and each frame's text pixel by pixel. It runs on its own thread, ahead of the frames being
/// cleaned and written, over a fixed list of frames handed to it (the window may change meanwhile), in frame order.</summary>
/// <remarks>A run touches only frames past those the writer may still read: the writer waits for the frames its
/// fill needs (<see cref="Measured"/>), and frames are released only well behind that.</remarks>
internal sealed class FrameAnalysis(int width, int height, int chromaShift, IReadOnlyList<TextRegion> regions, StaticOverlays? overlays, int reach)
{
    private const int AnchorEvery = 8;

    private readonly double _scale = MotionEstimator.AnalysisScale(width);
    private int _shots;

    /// <summary>Frames [0, Watched) have been shown to the overlay finder.</summary>
    public int Watched { get; private set; }

    /// <summary>Frames [0, Measured) have their marks (where they have text).</summary>
    public int Measured { get; private set; }

    /// <summary>Analyses the frames of <paramref name="frames"/> (consecutive, planned, the first being
    /// <paramref name="first"/>) not yet analysed; with <paramref name="final"/>, up to the last (no frame follows).
    /// The list must start at least <see cref="TextFootprint.Reach"/> frames before the first frame not measured.</summary>
    public void Run(FrameSlot[] frames, int first, bool final, CancellationToken ct)
    {
        var end = first + frames.Length;
        FrameSlot? At(int index) => index >= first && index < end ? frames[index - first] : null;

        // A frame's pose is needed where text is within a fill's reach on either side; a frame far from any text
        // planned so far waits, in case text comes within reach later.
        var anyOverlay = overlays?.Current.Boxes.Count > 0;
        for (var i = first; i < end; i++)
        {
            ct.ThrowIfCancellationRequested();
            var frame = frames[i - first];
            if (frame.MotionKnown || (!anyOverlay && !TextNear(At, i - reach, i + reach + 1))) continue;
            frame.MotionKnown = true;
            frame.Analysis ??= MotionEstimator.Analysis(frame.Grey);
            Timing.Run("motion", () => Locate(frame, At(i - 1), At));
        }

        // The overlay finder sees every few frames, with the camera's motion since the last one where the poses tell.
        for (; Watched < end; Watched++)
        {
            if (Watched % StaticOverlays.Every != 0 || At(Watched) is not { } frame) continue;
            var toPrevious = frame.Pose is { } pose && At(Watched - StaticOverlays.Every) is { Pose: { } before } previous && previous.Shot == frame.Shot
                ? before.Inverse().After(pose) : (Affine?)null;
            Timing.Run("overlays", () => overlays?.Add(frame.Grey, frame.Boxes!, toPrevious));
        }

        // Marks compare a frame with the frames TextFootprint.Reach either side.
        var measurable = final ? end : end - TextFootprint.Reach;
        for (; Measured < measurable; Measured++)
        {
            ct.ThrowIfCancellationRequested();
            if (At(Measured) is not { } frame) continue;
            Timing.Run("marks", () => Measure(frame, At));
        }
    }

    private static bool TextNear(Func<int, FrameSlot?> at, int from, int to)
    {
        for (var i = from; i < to; i++)
            if (at(i) is { HasText: true }) return true;
        return false;
    }

    /// <summary>The frame's pose in its shot, measured directly against an anchor frame (the last one; every
    /// <see cref="AnchorEvery"/> frames, the frame becomes the next): chaining every step drifts by pixels within a
    /// second. The anchor's corners are found once and tracked into each later frame, starting where the camera's
    /// last step would take them.</summary>
    private void Locate(FrameSlot frame, FrameSlot? before, Func<int, FrameSlot?> at)
    {
        if (before is not { Pose: { } beforePose } || at(before.Anchor) is not { Pose: { } anchorPose, Corners: not null, Analysis: not null } anchor ||
            anchor.Shot != before.Shot)
        {
            StartShot(frame);
            return;
        }
        var guess = beforePose.After(before.ToPrevious?.Inverse() ?? Affine.Identity);
        var anchorToGuess = guess.Inverse().After(anchorPose);
        var measured = MotionEstimator.Estimate(frame.Analysis!, anchor.Analysis, frame.Boxes!, anchor.Boxes!, _scale,
            anchorToGuess.Rescaled(1 / _scale), anchor.Corners);
        if (measured is not { } m)
        {
            StartShot(frame);
            return;
        }
        frame.Shot = before.Shot;
        frame.Pose = anchorPose.After(m.Rescaled(_scale).Inverse());
        frame.ToPrevious = beforePose.Inverse().After(frame.Pose.Value);
        frame.Anchor = anchor.Index;
        if (frame.Index - anchor.Index >= AnchorEvery) MakeAnchor(frame);
    }

    /// <summary>A cut (or the first frame near text): the frame starts a shot of its own.</summary>
    private void StartShot(FrameSlot frame)
    {
        (frame.Pose, frame.Shot, frame.ToPrevious) = (Affine.Identity, ++_shots, null);
        MakeAnchor(frame);
    }

    private void MakeAnchor(FrameSlot frame)
    {
        frame.Anchor = frame.Index;
        frame.Corners = MotionEstimator.Corners(frame.Analysis!, frame.Boxes!, _scale);
    }

    /// <summary>The frame's marks, with the static overlays known by then (the finder has seen the frames planned since).</summary>
    private void Measure(FrameSlot frame, Func<int, FrameSlot?> at)
    {
        // Static overlays join the text: filled the same way, and never copied from.
        var overlay = overlays?.Current is { Boxes.Count: > 0 } found ? found : null;
        var overlayBoxes = overlay is null ? [] : Restrict(overlay.Boxes, frame.Time);
        frame.Overlay = overlayBoxes.Count > 0 ? overlay : null;
        frame.Boxes = [.. frame.Boxes!, .. overlayBoxes];
        frame.Motions = [.. frame.Motions!, .. overlayBoxes.Select(_ => default((double, double)))];
        frame.OverlayBoxes = overlayBoxes.Count;
        frame.Marks = TextFootprint.Measure(frame, at, Camera, chromaShift);
        if (regions.Count > 0) frame.Marks.KeepInside([.. Active(frame.Time).Select(r => new OpenCvSharp.Rect(r.X, r.Y, r.Width, r.Height))], chromaShift);

        // The camera's motion between two frames' pixels (through their poses); null across a cut or where unknown.
        Affine? Camera(int from, int to) =>
            at(from) is { Pose: { } a } one && at(to) is { Pose: { } b } other && one.Shot == other.Shot ? b.Inverse().After(a) : null;
    }

    /// <summary>Overlay boxes inside the request's regions active at <paramref name="seconds"/> (all without regions).</summary>
    private List<PixelBox> Restrict(IReadOnlyList<PixelBox> boxes, double seconds)
    {
        if (regions.Count == 0) return [.. boxes];
        var active = Active(seconds);
        return [.. boxes.SelectMany(b => active.Select(r => BoxGeometry.Intersect(b, r))).Where(b => b.Area > 0)];
    }

    /// <summary>The request's regions active at <paramref name="seconds"/>, in pixels.</summary>
    private List<PixelBox> Active(double seconds) => [.. regions.Where(r => r.ActiveAt(seconds))
        .Select(r => DbPostProcess.Clip(r.X0 * width, r.Y0 * height, r.X1 * width, r.Y1 * height, width, height))];
}
