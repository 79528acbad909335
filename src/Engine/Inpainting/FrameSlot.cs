using OpenCvSharp;

namespace Vtis.Engine.Inpainting;

/// <summary>One decoded frame in the engine's sliding window, with what the engine has learnt about it.</summary>
/// <remarks>The frame stays as decoded (planar YUV) for as long as it is in the window: other frames copy background
/// from it and measure what stays still in it, so its text is never painted over here; the cleaned picture goes to
/// the encoder from a copy.</remarks>
internal sealed class FrameSlot : IDisposable
{
    private readonly Media.RawFormat _format;
    private readonly Mat _pin;
    private readonly Mat[] _planes;

    public FrameSlot(Media.RawFormat format)
    {
        _format = format;
        Raw = new byte[format.FrameBytes];
        _planes = format.Planes(Raw, out _pin);
    }

    /// <summary>The frame as decoded, in the pipe's layout.</summary>
    public byte[] Raw { get; }

    /// <summary>Plane 0 (Y), 1 (U) or 2 (V) of the frame, as decoded.</summary>
    public Mat Plane(int plane) => _planes[plane];

    /// <summary>The frame's brightness.</summary>
    public Mat Grey => _planes[0];

    /// <summary>A BGR copy of the frame for another thread (the detector), which owns and disposes it.</summary>
    public Mat ImageCopy() => _format.ToBgr(Raw);

    /// <summary>A BGR copy of <paramref name="area"/> (even coordinates) converted from the raw bytes alone. The caller disposes it.</summary>
    public Mat CropCopy(Rect area) => _format.CropToBgr(Raw, area);

    /// <summary>The frame before this one while it is still in the window.</summary>
    public FrameSlot? Previous { get; set; }

    /// <summary>Whether <see cref="ToPrevious"/> has been estimated.</summary>
    public bool MotionKnown { get; set; }

    public int Index { get; private set; }

    public double Time { get; private set; }

    /// <summary>The detector's boxes when this is a detection frame.</summary>
    public Task<IReadOnlyList<PixelBox>>? Detection { get; set; }

    /// <summary>Where this frame has text, as boxes, once planned.</summary>
    public IReadOnlyList<PixelBox>? Boxes { get; set; }

    /// <summary>The static overlays (watermarks, logos) this frame was planned with; their boxes end <see cref="Boxes"/>.</summary>
    public Detection.OverlaySnapshot? Overlay { get; set; }

    /// <summary>How many of the last <see cref="Boxes"/> are static overlays' (their pixels come from <see cref="Overlay"/>).</summary>
    public int OverlayBoxes { get; set; }

    /// <summary>How the text of each box moves, in pixels per frame (zero for text that stays).</summary>
    public IReadOnlyList<(double Dx, double Dy)>? Motions { get; set; }

    /// <summary>Its text pixel by pixel, once measured (after <see cref="Boxes"/>, from the frames around it).</summary>
    public FrameMarks? Marks { get; set; }

    /// <summary>Small grey copy for motion tracking.</summary>
    public Mat? Analysis { get; set; }

    /// <summary>Maps this frame's pixels to the previous frame's; null at a cut or the first frame.</summary>
    public Affine? ToPrevious { get; set; }

    /// <summary>Maps this frame's pixels into the coordinates of its shot (its <see cref="Shot"/>'s first frame), once
    /// known: any two frames of a shot are related through their poses without chaining every step between.</summary>
    public Affine? Pose { get; set; }

    /// <summary>Which shot the frame belongs to (a cut starts a new one).</summary>
    public int Shot { get; set; }

    /// <summary>The frame whose pose this one's was measured against (itself for an anchor).</summary>
    public int Anchor { get; set; }

    /// <summary>An anchor's corners to track into later frames (analysis pixels).</summary>
    public OpenCvSharp.Point2f[]? Corners { get; set; }

    public bool HasText => Boxes is { Count: > 0 };

    /// <summary>Reuses the slot for another frame.</summary>
    public void Reset(int index, double time)
    {
        Recycle();
        Index = index;
        Time = time;
    }

    /// <summary>Forgets the frame: done as soon as no frame needs it any more, so what it holds is freed early.</summary>
    public void Recycle()
    {
        Previous = null;
        MotionKnown = false;
        Detection = null;
        Boxes = null;
        Motions = null;
        Overlay = null;
        OverlayBoxes = 0;
        Marks?.Dispose();
        Marks = null;
        ToPrevious = null;
        Pose = null;
        Corners = null;
        Analysis?.Dispose();
        Analysis = null;
    }

    public void Dispose()
    {
        Recycle();
        foreach (var plane in _planes) plane.Dispose();
        _pin.Dispose();
    }
}
