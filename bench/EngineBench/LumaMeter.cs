using OpenCvSharp;

namespace Vtis.EngineBench;

/// <summary>
/// Scores one frame's luma into a <see cref="LumaQuality"/>: squared errors against the clean clip inside the text,
/// in the ring and outside (and outside the engine's own mask too, which tells over-masking from changes to the whole
/// frame), in one pass over the pixels; SSIM over the area around the text only; flicker against the previous frame,
/// over this frame's text pixels (from the second frame on).
/// </summary>
internal sealed class LumaMeter(int width, int height) : IDisposable
{
    private readonly SsimReference _ssim = new();
    private readonly byte[] _previousOutput = new byte[width * height];
    private readonly byte[] _previousBaseline = new byte[width * height];
    private readonly byte[] _previousClean = new byte[width * height];
    private bool _hasPrevious;

    public void Measure(Mat clean, Mat output, Mat baseline, Mat transcode, TextMask text, TextSurroundings around, ReadOnlySpan<byte> replaced, LumaQuality into)
    {
        Errors(clean, output, baseline, transcode, text, around, replaced, into);
        if (around.Bounds.Width > 0) Similarity(clean, output, baseline, text, around, into);
        Data(output).CopyTo(_previousOutput);
        Data(baseline).CopyTo(_previousBaseline);
        Data(clean).CopyTo(_previousClean);
        _hasPrevious = true;
    }

    public void Dispose() => _ssim.Dispose();

    private void Errors(
        Mat cleanMat, Mat outputMat, Mat baselineMat, Mat transcodeMat, TextMask text, TextSurroundings around, ReadOnlySpan<byte> replaced, LumaQuality into)
    {
        ReadOnlySpan<byte> clean = Data(cleanMat), output = Data(outputMat), baseline = Data(baselineMat), transcode = Data(transcodeMat);
        var inside = text.Binary.AsSpan<byte>();
        var near = around.Near.AsSpan<byte>();
        long inE = 0, inB = 0, ringE = 0, ringB = 0, outE = 0, outT = 0, inN = 0, ringN = 0, outN = 0, flickE = 0, flickB = 0, flickC = 0;
        long keptE = 0, keptT = 0, keptN = 0;
        for (var p = 0; p < clean.Length; p++)
        {
            int c = clean[p], e = output[p] - c;
            if (inside[p] != 0)
            {
                int b = baseline[p] - c;
                inE += e * e;
                inB += b * b;
                inN++;
                if (!_hasPrevious) continue;
                flickE += Math.Abs(output[p] - _previousOutput[p]);
                flickB += Math.Abs(baseline[p] - _previousBaseline[p]);
                flickC += Math.Abs(c - _previousClean[p]);
            }
            else if (near[p] != 0)
            {
                int b = baseline[p] - c;
                ringE += e * e;
                ringB += b * b;
                ringN++;
            }
            else
            {
                int t = transcode[p] - c;
                outE += e * e;
                outT += t * t;
                outN++;
                if (replaced[p] != 0) continue;
                keptE += e * e;
                keptT += t * t;
                keptN++;
            }
        }

        into.Inside.Add(inE, inN);
        into.InsideBaseline.Add(inB, inN);
        into.Ring.Add(ringE, ringN);
        into.RingBaseline.Add(ringB, ringN);
        into.Outside.Add(outE, outN);
        into.OutsideTranscode.Add(outT, outN);
        into.Untouched.Add(keptE, keptN);
        into.UntouchedTranscode.Add(keptT, keptN);
        if (!_hasPrevious) return;
        into.Flicker.Add(flickE, inN);
        into.FlickerBaseline.Add(flickB, inN);
        into.FlickerTruth.Add(flickC, inN);
    }

    /// <summary>SSIM maps over the text's surroundings plus the window's reach, averaged over text and ring pixels.</summary>
    private void Similarity(Mat clean, Mat output, Mat baseline, TextMask text, TextSurroundings around, LumaQuality into)
    {
        var area = TextSurroundings.Grow(around.Bounds, SsimReference.Margin, width, height);
        using var cleanArea = new Mat(clean, area);
        using var textArea = new Mat(text.Binary, area);
        using var ringArea = new Mat(around.Ring, area);
        var textPixels = Cv2.CountNonZero(textArea);
        var ringPixels = Cv2.CountNonZero(ringArea);
        _ssim.Update(cleanArea);
        foreach (var (frame, inside, ring) in new[] { (output, into.InsideSsim, into.RingSsim), (baseline, into.InsideSsimBaseline, into.RingSsimBaseline) })
        {
            using var frameArea = new Mat(frame, area);
            var map = _ssim.SsimMap(frameArea);
            if (textPixels > 0) inside.Add(Cv2.Mean(map, textArea).Val0 * textPixels, textPixels);
            if (ringPixels > 0) ring.Add(Cv2.Mean(map, ringArea).Val0 * ringPixels, ringPixels);
        }
    }

    /// <summary>The bytes of a luma plane: a whole-row view of a yuv420p frame or a plane of its own, both continuous.</summary>
    private ReadOnlySpan<byte> Data(Mat luma) => luma.AsSpan<byte>()[..(width * height)];
}
