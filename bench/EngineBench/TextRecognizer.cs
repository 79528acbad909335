using System.Text;
using Microsoft.ML.OnnxRuntime;
using OpenCvSharp;

namespace Vtis.EngineBench;

/// <summary>
/// PP-OCRv4 line recognition (ch_PP-OCRv4_rec_infer.onnx, the model the engine's package ships): a crop scaled to
/// 48 pixels high, RGB normalised to -1..1, CTC-decoded greedily. Class 0 is CTC blank, 1..6623 are the lines of
/// ppocr_keys_v1.txt and the last class is a space. The bench reads what is left of a subtitle with it.
/// </summary>
internal sealed class TextRecognizer : IDisposable
{
    public const string ModelFile = "ch_PP-OCRv4_rec_infer.onnx";
    public const string KeysFile = "ppocr_keys_v1.txt";

    private const int LineHeight = 48;
    private const int MaxWidth = 960;
    private const int MinWidth = 16;

    private readonly InferenceSession _session;
    private readonly RunOptions _run = new();
    private readonly string _input;
    private readonly string _output;
    private readonly string[] _alphabet;

    public TextRecognizer(string modelDirectory, int threads)
    {
        var model = Path.Combine(modelDirectory, ModelFile);
        var keys = Path.Combine(modelDirectory, KeysFile);
        if (!File.Exists(model) || !File.Exists(keys))
            throw new FileNotFoundException($"The recognition model is missing from {modelDirectory}: run `npm ci` in src/Engine/models, then build again.");
        using var options = new SessionOptions { IntraOpNumThreads = Math.Max(1, threads), InterOpNumThreads = 1 };
        _session = new InferenceSession(model, options);
        _input = _session.InputNames[0];
        _output = _session.OutputNames[0];
        _alphabet = [.. File.ReadAllLines(keys), " "];
    }

    /// <summary>The text on a bgr24 crop of one line ("" when nothing is read).</summary>
    public string Read(Mat crop)
    {
        if (crop.Empty() || crop.Width < 2 || crop.Height < 2) return "";
        var width = Math.Clamp((int)Math.Round((double)LineHeight * crop.Width / crop.Height), MinWidth, MaxWidth);
        using var scaled = new Mat();
        Cv2.Resize(crop, scaled, new Size(width, LineHeight), interpolation: InterpolationFlags.Linear);
        var pixels = scaled.IsContinuous() ? scaled : scaled.Clone();
        var bgr = pixels.AsSpan<byte>();
        var plane = LineHeight * width;
        var data = new float[3 * plane];
        for (var p = 0; p < plane; p++)
        {
            // The brief and PaddleOCR's ONNX exports take RGB; OpenCV holds BGR.
            data[p] = bgr[3 * p + 2] / 127.5f - 1f;
            data[plane + p] = bgr[3 * p + 1] / 127.5f - 1f;
            data[2 * plane + p] = bgr[3 * p] / 127.5f - 1f;
        }

        if (!ReferenceEquals(pixels, scaled)) pixels.Dispose();
        using var input = OrtValue.CreateTensorValueFromMemory(data, [1, 3, LineHeight, width]);
        using var outputs = _session.Run(_run, [_input], [input], [_output]);
        var shape = outputs[0].GetTensorTypeAndShape().Shape;
        return Decode(outputs[0].GetTensorDataAsSpan<float>(), (int)shape[1], (int)shape[2]);
    }

    public void Dispose()
    {
        _run.Dispose();
        _session.Dispose();
    }

    /// <summary>CTC greedy decoding: best class per step, repeats merged, blanks dropped.</summary>
    private string Decode(ReadOnlySpan<float> probabilities, int steps, int classes)
    {
        var text = new StringBuilder();
        var previous = 0;
        for (var t = 0; t < steps; t++)
        {
            var row = probabilities.Slice(t * classes, classes);
            var best = 0;
            for (var c = 1; c < classes; c++)
                if (row[c] > row[best]) best = c;
            if (best != 0 && best != previous && best - 1 < _alphabet.Length) text.Append(_alphabet[best - 1]);
            previous = best;
        }

        return text.ToString();
    }
}
