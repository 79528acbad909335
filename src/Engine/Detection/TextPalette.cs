using OpenCvSharp;

namespace Vtis.Engine.Detection;

/// <summary>
/// The few colours a line of text is drawn in (fill, outline, shadow), learnt from pixels already known to be text,
/// to claim the still pixels the camera test cannot decide: along a long stroke that lies in the direction the camera
/// moves, the background the camera brings is the stroke again, so stillness and the camera explain it equally well.
/// Smooth background that stays still too rarely has the text's exact colours.
/// </summary>
internal static class TextPalette
{
    private const int Colours = 3;

    /// <summary>A colour drawn by fewer than this share of the known text pixels is not one of the text's.</summary>
    private const double MinShare = 0.1;

    private const int LumaTolerance = 16;

    private const int ChromaTolerance = 10;

    private const int MaxSamples = 3000;

    /// <summary>Adds to <paramref name="text"/> the pixels of <paramref name="candidates"/> whose colour is one of the
    /// text's (learnt from <paramref name="text"/>) and that touch the text through such pixels.
    /// <paramref name="y"/>, <paramref name="u"/> and <paramref name="v"/> are the area's planes, chroma already at
    /// luma size.</summary>
    public static unsafe void Extend(Mat text, Mat candidates, Mat y, Mat u, Mat v)
    {
        using var claimed = new Mat(text.Size(), MatType.CV_8UC1, Scalar.Black);
        Claim(text, candidates, y, u, v, claimed);
        Connected(text, claimed);
    }

    /// <summary>Adds the claimed pixels that are connected to the text (through claimed pixels).</summary>
    private static unsafe void Connected(Mat text, Mat claimed)
    {
        using var union = new Mat();
        Cv2.BitwiseOr(text, claimed, union);
        using var labels = new Mat();
        var count = Cv2.ConnectedComponents(union, labels, PixelConnectivity.Connectivity8, MatType.CV_32S);
        var touches = new bool[count];
        var (width, height) = (text.Width, text.Height);
        for (var r = 0; r < height; r++)
        {
            var t = (byte*)text.Ptr(r);
            var l = (int*)labels.Ptr(r);
            for (var c = 0; c < width; c++)
                if (t[c] != 0) touches[l[c]] = true;
        }
        for (var r = 0; r < height; r++)
        {
            byte* t = (byte*)text.Ptr(r), k = (byte*)claimed.Ptr(r);
            var l = (int*)labels.Ptr(r);
            for (var c = 0; c < width; c++)
                if (k[c] != 0 && touches[l[c]]) t[c] = 255;
        }
    }

    private static unsafe void Claim(Mat text, Mat candidates, Mat y, Mat u, Mat v, Mat claimed)
    {
        var (width, height) = (text.Width, text.Height);
        var known = Cv2.CountNonZero(text);
        if (known < Colours * 10) return;
        var every = Math.Max(1, known / MaxSamples);
        var samples = new List<Vec3f>(Math.Min(known, MaxSamples + 1));
        var seen = 0;
        for (var r = 0; r < height; r++)
        {
            var t = (byte*)text.Ptr(r);
            byte* py = (byte*)y.Ptr(r), pu = (byte*)u.Ptr(r), pv = (byte*)v.Ptr(r);
            for (var c = 0; c < width; c++)
                if (t[c] != 0 && seen++ % every == 0) samples.Add(new Vec3f(py[c], pu[c], pv[c]));
        }

        var colours = Cluster(samples);
        if (colours.Count == 0) return;
        for (var r = 0; r < height; r++)
        {
            byte* t = (byte*)text.Ptr(r), k = (byte*)candidates.Ptr(r), o = (byte*)claimed.Ptr(r);
            byte* py = (byte*)y.Ptr(r), pu = (byte*)u.Ptr(r), pv = (byte*)v.Ptr(r);
            for (var c = 0; c < width; c++)
            {
                if (t[c] != 0 || k[c] == 0) continue;
                foreach (var colour in colours)
                    if (Math.Abs(py[c] - colour.Item0) <= LumaTolerance && Math.Abs(pu[c] - colour.Item1) <= ChromaTolerance &&
                        Math.Abs(pv[c] - colour.Item2) <= ChromaTolerance)
                    {
                        o[c] = 255;
                        break;
                    }
            }
        }
    }

    /// <summary>The main colours of the samples (k-means), each drawn by at least <see cref="MinShare"/> of them.</summary>
    private static List<Vec3f> Cluster(List<Vec3f> samples)
    {
        var values = samples.SelectMany(v => new[] { v.Item0, v.Item1, v.Item2 }).ToArray();
        using var data = Mat.FromPixelData(samples.Count, 3, MatType.CV_32FC1, values);
        using var labels = new Mat();
        using var centres = new Mat();
        var k = Math.Min(Colours, samples.Count / 10);
        Cv2.Kmeans(data, k, labels, new TermCriteria(CriteriaTypes.Eps | CriteriaTypes.MaxIter, 10, 1.0), 2, KMeansFlags.PpCenters, centres);
        var counts = new int[k];
        for (var i = 0; i < samples.Count; i++) counts[labels.At<int>(i)]++;
        var colours = new List<Vec3f>();
        for (var i = 0; i < k; i++)
            if (counts[i] >= MinShare * samples.Count)
                colours.Add(new Vec3f(centres.At<float>(i, 0), centres.At<float>(i, 1), centres.At<float>(i, 2)));
        return colours;
    }
}
