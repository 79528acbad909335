using OpenCvSharp;

namespace Vtis.Engine.Inpainting;

/// <summary>One decoded frame in the engine's sliding window, with what the engine has learnt about it.</summary>
internal sealed class FrameSlot : IDisposable
{
    private Mat? _mask;    // kept across reuses of the slot: a fresh frame-sized buffer per frame costs page faults
    private bool _maskReady;

    private readonly Media.RawFormat _format;
    private readonly Mat _rawView;
    private readonly Mat _image;
    private bool _decoded;

    public FrameSlot(Media.RawFormat format)
    {
        _format = format;
        Raw = new byte[format.FrameBytes];
        _rawView = format.View(Raw);
        _image = format.IsBgr ? _rawView : new Mat(format.Height, format.Width, MatType.CV_8UC3);
    }

    /// <summary>The frame as decoded, in the pipe's layout.</summary>
    public byte[] Raw { get; }

    /// <summary>The frame in BGR, converted on first use: frames far from any text are never converted.
    /// Not thread-safe: touch it on the engine's thread before handing the frame to another.</summary>
    public Mat Image
    {
        get
        {
            if (!_decoded)
            {
                _format.ToBgr(_rawView, _image);
                _decoded = true;
            }
            return _image;
        }
    }

    /// <summary>The frame before this one while it is still in the window.</summary>
    public FrameSlot? Previous { get; set; }

    /// <summary>Whether <see cref="ToPrevious"/> has been estimated.</summary>
    public bool MotionKnown { get; set; }

    public int Index { get; private set; }

    public double Time { get; private set; }

    /// <summary>The detector's boxes when this is a detection frame.</summary>
    public Task<IReadOnlyList<PixelBox>>? Detection { get; set; }

    /// <summary>What this frame cleans, once planned.</summary>
    public IReadOnlyList<PixelBox>? Boxes { get; set; }

    /// <summary>Small grey copy for motion tracking.</summary>
    public Mat? Analysis { get; set; }

    /// <summary>Maps this frame's pixels to the previous frame's; null at a cut or the first frame.</summary>
    public Affine? ToPrevious { get; set; }

    /// <summary>255 where this frame has text, built on first use.</summary>
    public Mat Mask
    {
        get
        {
            if (_maskReady) return _mask!;
            _mask ??= new Mat(_image.Size(), MatType.CV_8UC1);
            _mask.SetTo(Scalar.Black);
            _maskReady = true;
            foreach (var box in Boxes ?? [])
                Cv2.Rectangle(_mask, new Rect(box.X, box.Y, box.Width, box.Height), Scalar.White, -1);
            return _mask;
        }
    }

    public bool HasText => Boxes is { Count: > 0 };

    /// <summary>Reuses the slot for another frame.</summary>
    public void Reset(int index, double time)
    {
        Index = index;
        Time = time;
        _decoded = _format.IsBgr;
        Previous = null;
        MotionKnown = false;
        Detection = null;
        Boxes = null;
        ToPrevious = null;
        Analysis?.Dispose();
        Analysis = null;
        _maskReady = false;
    }

    public void Dispose()
    {
        Reset(0, 0);
        _mask?.Dispose();
        _image.Dispose();
        if (!ReferenceEquals(_image, _rawView)) _rawView.Dispose();
    }
}
