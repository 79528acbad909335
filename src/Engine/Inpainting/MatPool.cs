using OpenCvSharp;

namespace Vtis.Engine.Inpainting;

/// <summary>Frame-sized matrices for reuse: a fresh frame buffer per frame costs page faults and native heap churn.
/// Used from the engine's thread only.</summary>
internal sealed class MatPool(int rows, int cols, MatType type) : IDisposable
{
    private readonly Stack<Mat> _free = new();

    public Mat Rent() => _free.Count > 0 ? _free.Pop() : new Mat(rows, cols, type);

    public void Return(Mat mat) => _free.Push(mat);

    public void Dispose()
    {
        while (_free.Count > 0) _free.Pop().Dispose();
    }
}
