using System.Buffers;
using Microsoft.ML.OnnxRuntime;
using OpenCvSharp;

namespace Vtis.Engine.Detection;

/// <summary>PaddleOCR's PP-OCRv4 text detector (DB) in ONNX form: a probability map, then boxes grown ("unclipped")
/// around each text core the way PaddleOCR's post-processing does, then scaled to the frame.</summary>
internal sealed class TextDetector : IDisposable
{
    public const string ModelFile = "ch_PP-OCRv4_det_infer.onnx";
    private static readonly float[] Mean = [0.485f, 0.456f, 0.406f];
    private static readonly float[] Std = [0.229f, 0.224f, 0.225f];

    private readonly InferenceSession _session;
    private readonly string _inputName;
    private readonly string _outputName;
    private readonly RunOptions _runOptions = new();

    // Model inputs are megabytes: fresh ones every few frames would grow the heap with the video's length. A pool of
    // its own, because the shared one keeps an array per thread and detections run on whichever pool thread is free.
    private readonly ArrayPool<float> _inputs = ArrayPool<float>.Create(maxArrayLength: 64 * 1024 * 1024, maxArraysPerBucket: 4);
    private readonly EngineOptions _options;

    public TextDetector(EngineOptions options)
    {
        _options = options;
        if (MissingModel(options) is { } missing) throw new InvalidOperationException(missing);
        var path = Path.Combine(ModelDirectory(options), ModelFile);
        using var sessionOptions = new SessionOptions
        {
            IntraOpNumThreads = Math.Max(1, options.EffectiveThreads),
            InterOpNumThreads = 1,
            GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
        };
        // Spinning threads would take the cores ffmpeg and the inpainting need between detections.
        sessionOptions.AddSessionConfigEntry("session.intra_op.allow_spinning", "0");
        _session = new InferenceSession(path, sessionOptions);
        _inputName = _session.InputNames[0];
        _outputName = _session.OutputNames[0];
    }

    public static string? MissingModel(EngineOptions options)
    {
        var path = Path.Combine(ModelDirectory(options), ModelFile);
        return File.Exists(path) ? null
            : $"The text detection model is missing at {path}. Install it with `npm ci` in src/Engine/models and " +
              "rebuild (scripts/run.sh and scripts/test.sh do this), or set Engine:ModelDirectory.";
    }

    public static string ModelDirectory(EngineOptions options) =>
        string.IsNullOrWhiteSpace(options.ModelDirectory) ? Path.Combine(AppContext.BaseDirectory, "models") : options.ModelDirectory;

    /// <summary>Text boxes in pixels of <paramref name="frame"/> (BGR), already grown to cover outlines.</summary>
    public IReadOnlyList<PixelBox> Detect(Mat frame) => Detect(frame, FrameScale(frame.Width, frame.Height));

    /// <summary>Text boxes around <paramref name="area"/> of a frame, found at the scale a whole frame is searched at:
    /// a crop costs a fraction of a frame. <paramref name="crop"/> gives the BGR pixels of the rectangle asked for,
    /// which <see cref="CropFor"/> grows to what the model takes (sides multiples of 32) with at least
    /// <see cref="Context"/> model pixels around the area, so no line is cut or squashed.</summary>
    public IReadOnlyList<PixelBox> DetectIn(int frameWidth, int frameHeight, PixelBox area, Func<Rect, Mat> crop)
    {
        var scale = FrameScale(frameWidth, frameHeight);
        var rect = CropFor(area, scale, frameWidth, frameHeight);
        using var image = crop(rect);
        return [.. Detect(image, scale).Select(b => b with { X = b.X + rect.X, Y = b.Y + rect.Y })];
    }

    /// <summary>Model pixels of background kept around a searched area.</summary>
    public const int Context = 16;

    /// <summary>The crop searched for <paramref name="area"/>: model-sized, inside the frame, at even coordinates (so an
    /// I420 frame can be cut without converting all of it).</summary>
    internal static Rect CropFor(PixelBox area, double scale, int frameWidth, int frameHeight)
    {
        static (int Start, int Length) Side(int start, int length, double scale, int limit)
        {
            var model = (int)Math.Ceiling((length * scale + 2 * Context) / 32) * 32;
            var size = Math.Min(limit & ~1, (int)Math.Round(model / scale) & ~1);
            var from = Math.Clamp(start + length / 2 - size / 2, 0, limit - size) & ~1;
            return (from, size);
        }
        var (x, w) = Side(area.X, area.Width, scale, frameWidth);
        var (y, h) = Side(area.Y, area.Height, scale, frameHeight);
        return new Rect(x, y, w, h);
    }

    private double FrameScale(int width, int height) => Math.Min(1.0, (double)_options.DetectMaxSide / Math.Max(width, height));

    private IReadOnlyList<PixelBox> Detect(Mat image, double scale)
    {
        var w = Math.Max(32, (int)Math.Round(image.Width * scale / 32) * 32);
        var h = Math.Max(32, (int)Math.Round(image.Height * scale / 32) * 32);

        var length = 3 * w * h;
        var pixels = _inputs.Rent(length);
        try
        {
            using (var small = new Mat())
            {
                Cv2.Resize(image, small, new Size(w, h), interpolation: InterpolationFlags.Area);
                Normalize(small, pixels.AsSpan(0, length), w, h);
            }

            using var input = OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, pixels.AsMemory(0, length), [1, 3, h, w]);
            using var outputs = _session.Run(_runOptions, [_inputName], [input], [_outputName]);
            return DbPostProcess.Boxes(outputs[0].GetTensorDataAsSpan<float>(), w, h, image.Width / (double)w, image.Height / (double)h,
                image.Width, image.Height, _options);
        }
        finally
        {
            _inputs.Return(pixels);
        }
    }

    private static unsafe void Normalize(Mat bgr, Span<float> chw, int w, int h)
    {
        var plane = w * h;
        for (var y = 0; y < h; y++)
        {
            var row = new ReadOnlySpan<byte>((byte*)bgr.Ptr(y), w * 3);
            for (var x = 0; x < w; x++)
            {
                var i = y * w + x;
                // Model channels are RGB; the frame is BGR.
                chw[i] = (row[x * 3 + 2] / 255f - Mean[0]) / Std[0];
                chw[plane + i] = (row[x * 3 + 1] / 255f - Mean[1]) / Std[1];
                chw[2 * plane + i] = (row[x * 3] / 255f - Mean[2]) / Std[2];
            }
        }
    }

    public void Dispose()
    {
        _runOptions.Dispose();
        _session.Dispose();
    }
}
