using OpenCvSharp;

namespace Vtis.Engine.Inpainting;

/// <summary>Copies background into the still-needed pixels of a text region from other frames, aligned by the
/// camera motion chained between consecutive frames.</summary>
internal sealed class FillSources
{
    private readonly IReadOnlyList<FrameSlot> _window;
    private readonly int _at;
    private readonly int _radius;
    private readonly Mat _fill;
    private readonly Mat _remaining;
    private readonly Rect _region;
    private readonly UniformMasks _blanks;
    private Affine? _toPast = Affine.Identity;     // target -> window[_at - _pastDepth]
    private Affine? _fromFuture = Affine.Identity; // window[_at + _futureDepth] -> target
    private int _pastDepth;
    private int _futureDepth;

    public FillSources(FrameSlot target, IReadOnlyList<FrameSlot> window, int radius, Mat fill, Mat remaining, Rect region, UniformMasks blanks)
    {
        _blanks = blanks;
        _window = window;
        _radius = radius;
        _fill = fill;
        _remaining = remaining;
        _region = region;
        _at = -1;
        for (var i = 0; i < window.Count; i++)
            if (ReferenceEquals(window[i], target)) _at = i;
        if (_at < 0) throw new InvalidOperationException("The target frame is not in the window.");
    }

    /// <summary>Fills from the frame <paramref name="d"/> before the target; false when nothing is left to fill or
    /// the frame is out of reach (outside the window, or across a cut).</summary>
    public bool Past(int d)
    {
        if (Done || d > _radius || _at - d < 0 || _toPast is null) return false;
        for (; _pastDepth < d && _toPast is { } m; _pastDepth++)
            _toPast = _window[_at - _pastDepth].ToPrevious is { } step ? step.After(m) : null;
        if (_toPast is not { } toPast) return false;
        var source = _window[_at - d];
        From(source.Image, source.HasText ? source.Mask : null, invalidWhere: 255, toPast);
        return !Done;
    }

    /// <summary>Fills from the frame <paramref name="d"/> after the target; false as for <see cref="Past"/>.</summary>
    public bool Future(int d)
    {
        if (Done || d > _radius || _at + d >= _window.Count || _fromFuture is null) return false;
        for (; _futureDepth < d && _fromFuture is { } m; _futureDepth++)
            _fromFuture = _window[_at + _futureDepth + 1].ToPrevious is { } back ? m.After(back) : null;
        if (_fromFuture is not { } fromFuture) return false;
        var source = _window[_at + d];
        From(source.Image, source.HasText ? source.Mask : null, invalidWhere: 255, fromFuture.Inverse());
        return !Done;
    }

    public bool Done => Cv2.CountNonZero(_remaining) == 0;

    /// <summary>Copies the pixels of <paramref name="source"/> that <paramref name="targetToSource"/> maps the needed
    /// pixels to, where they lie inside the frame and <paramref name="mask"/> is not <paramref name="invalidWhere"/>.</summary>
    public void From(Mat source, Mat? mask, byte invalidWhere, Affine targetToSource)
    {
        using var map = targetToSource.FromOffset(_region.X, _region.Y).ToMat();
        using var warped = new Mat();
        Cv2.WarpAffine(source, warped, map, _region.Size, InterpolationFlags.Linear | InterpolationFlags.WarpInverseMap,
            BorderTypes.Constant, Scalar.Black);

        // Outside the source frame counts as hidden; so does any pixel a hidden one bleeds into when resampled.
        using var hidden = new Mat();
        Cv2.WarpAffine(mask ?? _blanks.Get(source.Size(), (byte)(255 - invalidWhere)), hidden, map, _region.Size, InterpolationFlags.Linear | InterpolationFlags.WarpInverseMap,
            BorderTypes.Constant, Scalar.All(invalidWhere));
        using var usable = new Mat();
        Cv2.Compare(hidden, Scalar.All(255 - invalidWhere), usable, CmpTypes.EQ);
        Cv2.BitwiseAnd(usable, _remaining, usable);
        warped.CopyTo(_fill, usable);
        _remaining.SetTo(Scalar.Black, usable);
    }
}

/// <summary>Full-size masks of one value ("everything visible"), made once per run instead of once per use.</summary>
internal sealed class UniformMasks : IDisposable
{
    private readonly Dictionary<(Size, byte), Mat> _masks = [];

    public Mat Get(Size size, byte value)
    {
        if (!_masks.TryGetValue((size, value), out var mask))
            _masks[(size, value)] = mask = new Mat(size, MatType.CV_8UC1, Scalar.All(value));
        return mask;
    }

    public void Dispose()
    {
        foreach (var mask in _masks.Values) mask.Dispose();
    }
}
