using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
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
        _inputName = _session.InputMetadata.Keys.First();
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
    public IReadOnlyList<PixelBox> Detect(Mat frame)
    {
        var scale = Math.Min(1.0, (double)_options.DetectMaxSide / Math.Max(frame.Width, frame.Height));
        var w = Math.Max(32, (int)Math.Round(frame.Width * scale / 32) * 32);
        var h = Math.Max(32, (int)Math.Round(frame.Height * scale / 32) * 32);

        var input = new DenseTensor<float>([1, 3, h, w]);
        using (var small = new Mat())
        {
            Cv2.Resize(frame, small, new Size(w, h), interpolation: InterpolationFlags.Area);
            Normalize(small, input.Buffer.Span, w, h);
        }

        using var results = _session.Run([NamedOnnxValue.CreateFromTensor(_inputName, input)]);
        var map = results[0].AsTensor<float>();
        var probabilities = map is DenseTensor<float> dense ? dense.Buffer.ToArray() : map.ToArray();
        return DbPostProcess.Boxes(probabilities, w, h, frame.Width / (double)w, frame.Height / (double)h,
            frame.Width, frame.Height, _options);
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

    public void Dispose() => _session.Dispose();
}
