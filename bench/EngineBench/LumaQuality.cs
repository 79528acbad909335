namespace Vtis.EngineBench;

/// <summary>Squared luma error over some pixels, summed over frames and clips. PSNR comes from the pooled error, not
/// a mean of per-frame PSNRs (which one perfect frame would make infinite).</summary>
internal sealed class ErrorSum
{
    public double Squared { get; private set; }

    public long Pixels { get; private set; }

    public double Psnr => Pixels == 0 ? double.NaN : Squared == 0 ? 99 : 10 * Math.Log10(255.0 * 255.0 * Pixels / Squared);

    public void Add(double squared, long pixels)
    {
        Squared += squared;
        Pixels += pixels;
    }

    public void Add(ErrorSum other) => Add(other.Squared, other.Pixels);
}

/// <summary>A per-pixel figure (SSIM, absolute frame difference) summed with its pixel count, for a pooled mean.</summary>
internal sealed class MeanSum
{
    public double Total { get; private set; }

    public long Pixels { get; private set; }

    public double Mean => Pixels == 0 ? double.NaN : Total / Pixels;

    public void Add(double total, long pixels)
    {
        Total += total;
        Pixels += pixels;
    }

    public void Add(MeanSum other) => Add(other.Total, other.Pixels);
}

/// <summary>
/// Luma figures of one clip, or pooled over clips: PSNR and SSIM inside the text and in the ring around it for the
/// engine and the per-frame Telea baseline; PSNR outside for the engine and the plain transcode; flicker inside the
/// text (mean absolute change from the previous frame) for the engine, the baseline and the clean clip.
/// Properties come in engine / baseline (or transcode) pairs.
/// </summary>
internal sealed class LumaQuality
{
    public ErrorSum Inside { get; } = new();
    public ErrorSum InsideBaseline { get; } = new();
    public MeanSum InsideSsim { get; } = new();
    public MeanSum InsideSsimBaseline { get; } = new();
    public ErrorSum Ring { get; } = new();
    public ErrorSum RingBaseline { get; } = new();
    public MeanSum RingSsim { get; } = new();
    public MeanSum RingSsimBaseline { get; } = new();
    public ErrorSum Outside { get; } = new();
    public ErrorSum OutsideTranscode { get; } = new();

    /// <summary>Outside pixels the engine did not replace either: a loss here comes from handling the whole frame.</summary>
    public ErrorSum Untouched { get; } = new();
    public ErrorSum UntouchedTranscode { get; } = new();

    public MeanSum Flicker { get; } = new();
    public MeanSum FlickerBaseline { get; } = new();
    public MeanSum FlickerTruth { get; } = new();

    /// <summary>Below this mean change (a tenth of a grey level a frame) the clean text area stands still, as under a static
    /// camera, and a ratio would only magnify noise: it is not given then (the sums still pool).</summary>
    public const double StillTruth = 0.1;

    /// <summary>How much more the engine's text area changes from frame to frame than the clean clip's does.</summary>
    public double FlickerRatio => FlickerTruth.Mean >= StillTruth ? Flicker.Mean / FlickerTruth.Mean : double.NaN;

    /// <summary>Engine minus plain transcode outside the text: 0 when the engine leaves the rest of the frame alone.</summary>
    public double OutsideLoss => Outside.Psnr - OutsideTranscode.Psnr;

    public void Add(LumaQuality other)
    {
        Inside.Add(other.Inside);
        InsideBaseline.Add(other.InsideBaseline);
        InsideSsim.Add(other.InsideSsim);
        InsideSsimBaseline.Add(other.InsideSsimBaseline);
        Ring.Add(other.Ring);
        RingBaseline.Add(other.RingBaseline);
        RingSsim.Add(other.RingSsim);
        RingSsimBaseline.Add(other.RingSsimBaseline);
        Outside.Add(other.Outside);
        OutsideTranscode.Add(other.OutsideTranscode);
        Untouched.Add(other.Untouched);
        UntouchedTranscode.Add(other.UntouchedTranscode);
        Flicker.Add(other.Flicker);
        FlickerBaseline.Add(other.FlickerBaseline);
        FlickerTruth.Add(other.FlickerTruth);
    }
}
