using OpenCvSharp;
using Vtis.Engine;
using InpaintMethod = Vtis.Engine.InpaintMethod;

namespace Vtis.EngineBench;

/// <summary>Everything measured on one clip's frames, per inpainting method that ran.</summary>
internal sealed class ClipScore(ClipSpec spec)
{
    public ClipSpec Spec { get; } = spec;

    public int FramesCompared { get; set; }

    public Dictionary<InpaintMethod, ImageQuality> Quality { get; } = [];

    public Dictionary<InpaintMethod, DetectionScore> Detection { get; } = [];

    public Dictionary<InpaintMethod, LineReadings> Residual { get; } = [];

    public required LineReadings Input { get; init; }

    public List<string> Warnings { get; } = [];
}

/// <summary>
/// One pass over a clip, frame by frame and in step: the ground-truth masks, the clean clip, the subtitled input and
/// every output. Quality and detection are scored on every frame; recognition runs on a few frames per line.
/// </summary>
internal static class ClipEvaluation
{
    public static ClipScore Evaluate(GeneratedClip clip, IReadOnlyList<EngineRun> runs, TextRecognizer recognizer)
    {
        var spec = clip.Spec;
        var truth = new GroundTruth(spec);
        var score = new ClipScore(spec) { Input = new LineReadings("input", spec.Lines) };
        foreach (var run in runs)
        {
            score.Quality[run.Method] = new ImageQuality();
            score.Detection[run.Method] = new DetectionScore();
            score.Residual[run.Method] = new LineReadings(run.Method.ToString(), spec.Lines);
            if (run.Report.Frames != spec.Frames)
                score.Warnings.Add($"{run.Method} wrote {run.Report.Frames} frames, the clip has {spec.Frames}");
        }

        var samples = truth.RecognitionSamples().ToLookup(s => s.Frame, s => s.Line);
        using var masks = truth.OpenMasks();
        using var clean = RawVideo.Open(clip.Clean, spec.Width, spec.Height);
        using var input = RawVideo.Open(clip.Subtitled, spec.Width, spec.Height);
        var outputs = runs.Select(r => RawVideo.Open(r.Output, spec.Width, spec.Height)).ToArray();
        using var maskFrame = masks.NewFrame();
        using var inputFrame = input.NewFrame();
        var outputFrames = outputs.Select(o => o.NewFrame()).ToArray();
        using var reference = new SsimReference(spec.Width, spec.Height);
        using var text = new TextMask(spec.Width, spec.Height);
        try
        {
            for (var n = 0; n < spec.Frames; n++)
            {
                if (!masks.TryRead(maskFrame) || !clean.TryRead(reference.Frame) || !input.TryRead(inputFrame)
                    || !outputs.Select((o, i) => o.TryRead(outputFrames[i])).ToArray().All(read => read))
                {
                    score.Warnings.Add($"a stream ended at frame {n} of {spec.Frames}; scored the frames before");
                    break;
                }

                text.Load(maskFrame);
                reference.Update();
                for (var i = 0; i < runs.Count; i++)
                {
                    score.Quality[runs[i].Method].Add(reference, outputFrames[i], text);
                    score.Detection[runs[i].Method].Add(text, n < runs[i].Boxes.Length ? runs[i].Boxes[n] : []);
                }

                foreach (var line in samples[n])
                {
                    var slot = truth.SlotOf(line);
                    if (text.PixelsOf(slot) == 0) continue;
                    var area = LineReadings.CropAround(text.BoxOf(slot), spec.Width, spec.Height);
                    score.Input.Add(line, Read(recognizer, inputFrame, area));
                    for (var i = 0; i < runs.Count; i++)
                        score.Residual[runs[i].Method].Add(line, Read(recognizer, outputFrames[i], area));
                }

                score.FramesCompared = n + 1;
            }
        }
        finally
        {
            foreach (var o in outputs) o.Dispose();
            foreach (var f in outputFrames) f.Dispose();
        }

        return score;
    }

    private static string Read(TextRecognizer recognizer, Mat frame, Rect area)
    {
        using var crop = new Mat(frame, area);
        return recognizer.Read(crop);
    }
}
