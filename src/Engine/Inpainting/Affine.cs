using OpenCvSharp;

namespace Vtis.Engine.Inpainting;

/// <summary>A 2-D affine map (x' = A·x + t), for camera motion between frames.</summary>
internal readonly record struct Affine(double A, double B, double C, double D, double Tx, double Ty)
{
    public static readonly Affine Identity = new(1, 0, 0, 1, 0, 0);

    /// <summary>First <paramref name="first"/>, then this.</summary>
    public Affine After(Affine first) => new(
        A * first.A + B * first.C, A * first.B + B * first.D,
        C * first.A + D * first.C, C * first.B + D * first.D,
        A * first.Tx + B * first.Ty + Tx, C * first.Tx + D * first.Ty + Ty);

    /// <summary>This, then <paramref name="next"/>.</summary>
    public Affine Then(Affine next) => next.After(this);

    /// <summary>The same motion between the chroma planes of two frames, whose samples sit at luma positions
    /// (2x + 0.5, 2y + 0.5) when <paramref name="chromaShift"/> is 1.</summary>
    public Affine ForChroma(int chromaShift)
    {
        if (chromaShift == 0) return this;
        var toLuma = new Affine(2, 0, 0, 2, 0.5, 0.5);
        var toChroma = new Affine(0.5, 0, 0, 0.5, -0.25, -0.25);
        return toChroma.After(After(toLuma));
    }

    /// <summary>How much the map enlarges (a similarity's zoom).</summary>
    public double Scale => Math.Sqrt(Math.Abs(A * D - B * C));

    public Affine Inverse()
    {
        var det = A * D - B * C;
        if (Math.Abs(det) < 1e-12) return Identity;
        var (ia, ib, ic, id) = (D / det, -B / det, -C / det, A / det);
        return new Affine(ia, ib, ic, id, -(ia * Tx + ib * Ty), -(ic * Tx + id * Ty));
    }

    /// <summary>The map in the pixels of a frame scaled by <paramref name="scale"/> expressed in full-size pixels.</summary>
    public Affine Rescaled(double scale) => this with { Tx = Tx / scale, Ty = Ty / scale };

    /// <summary>This map with the origin of its input moved to (<paramref name="x"/>, <paramref name="y"/>).</summary>
    public Affine FromOffset(double x, double y) => this with { Tx = A * x + B * y + Tx, Ty = C * x + D * y + Ty };

    /// <summary>How far the map moves points of a region, at most (for skipping work on a still camera).</summary>
    public double MaxShift(int width, int height)
    {
        var m = this;
        double Shift(double x, double y) => Math.Max(Math.Abs(m.A * x + m.B * y + m.Tx - x), Math.Abs(m.C * x + m.D * y + m.Ty - y));
        return Math.Max(Math.Max(Shift(0, 0), Shift(width, 0)), Math.Max(Shift(0, height), Shift(width, height)));
    }

    public Mat ToMat()
    {
        var m = new Mat(2, 3, MatType.CV_64FC1);
        m.Set(0, 0, A);
        m.Set(0, 1, B);
        m.Set(0, 2, Tx);
        m.Set(1, 0, C);
        m.Set(1, 1, D);
        m.Set(1, 2, Ty);
        return m;
    }

    public static Affine FromMat(Mat m) => new(
        m.At<double>(0, 0), m.At<double>(0, 1), m.At<double>(1, 0), m.At<double>(1, 1), m.At<double>(0, 2), m.At<double>(1, 2));
}
