using OpenCvSharp;

namespace Vtis.Engine.Inpainting;

/// <summary>One decoded frame in the engine's sliding window, with what the engine has learnt about it.</summary>
/// <remarks>The BGR picture and the mask are borrowed from pools when first needed and given back when the slot is
/// reused, so frames read ahead (waiting only for detection) cost just their raw bytes.</remarks>
internal sealed class FrameSlot : IDisposable
{
    private readonly MatPool _images;
    private readonly MatPool _masks;
    private Mat? _mask;
    private bool _maskReady;

    private readonly Media.RawFormat _format;
    private readonly Mat _rawView;
    private Mat? _image;
    private readonly Mat _grey;
    private bool _greyReady;

    public FrameSlot(Media.RawFormat format, MatPool images, MatPool masks)
    {
        _format = format;
        _images = images;
        _masks = masks;
        Raw = new byte[format.FrameBytes];
        _rawView = format.View(Raw);
        // I420 starts with the luma plane: the grey picture motion tracking needs, without any conversion.
        _grey = format.IsBgr ? new Mat(format.Height, format.Width, MatType.CV_8UC1) : new Mat(_rawView, new Rect(0, 0, format.Width, format.Height));
    }

    /// <summary>The frame as decoded, in the pipe's layout.</summary>
    public byte[] Raw { get; }

    /// <summary>The frame in BGR, converted on first use: frames far from any text are never converted.
    /// Not thread-safe: touch it on the engine's thread before handing the frame to another.</summary>
    public Mat Image
    {
        get
        {
            if (_image is null)
            {
                if (_format.IsBgr) return _image = _rawView;
                _image = _images.Rent();
                _format.ToBgr(_rawView, _image);
            }
            return _image;
        }
    }

    /// <summary>A BGR copy of the frame for another thread (the detector), which owns and disposes it.</summary>
    public Mat ImageCopy()
    {
        var copy = new Mat();
        _format.ToBgr(_rawView, copy);
        return copy;
    }

    /// <summary>A BGR copy of <paramref name="area"/> (even coordinates) converted from the raw bytes alone: a crop
    /// searched far ahead of the frames being cleaned needs no whole-frame picture. The caller disposes it.</summary>
    public Mat CropCopy(Rect area) => _format.CropToBgr(Raw, area);

    /// <summary>The frame's brightness, for motion tracking. Not thread-safe, as <see cref="Image"/>.</summary>
    public Mat Grey
    {
        get
        {
            if (!_greyReady && _format.IsBgr) Cv2.CvtColor(Image, _grey, ColorConversionCodes.BGR2GRAY);
            _greyReady = true;
            return _grey;
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
            _mask ??= _masks.Rent();
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
        Recycle();
        Index = index;
        Time = time;
    }

    /// <summary>Gives back what the slot borrowed and forgets the frame: done as soon as no frame needs it any more,
    /// not when the slot is next filled, so the pools hold only what the window uses.</summary>
    public void Recycle()
    {
        if (_image is not null && !ReferenceEquals(_image, _rawView)) _images.Return(_image);
        _image = null;
        if (_mask is not null) _masks.Return(_mask);
        _mask = null;
        _greyReady = false;
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
        Recycle();
        _grey.Dispose();
        _rawView.Dispose();
    }
}
