using OpenCvSharp;

namespace Vtis.EngineBench;

/// <summary>
/// One pass over a clip, frame by frame and in step: the ground-truth masks, the clean clip, the subtitled input, the
/// engine's output and the plain transcode, all decoded to yuv420p and scored on luma. The per-frame Telea baseline is
/// made from the input on the way. Recognition runs on a few frames per line, the only frames turned into colour.
/// </summary>
internal static class ClipEvaluation
{
    public static ClipScore Evaluate(GeneratedClip clip, EngineRun run, TextRecognizer recognizer, bool strip)
    {
        var spec = clip.Spec;
        int width = spec.Width, height = spec.Height;
        var truth = new GroundTruth(spec);
        var score = new ClipScore(spec) { Input = new LineReadings(spec.Lines), Output = new LineReadings(spec.Lines) };
        var masks = run.ReadMasks(spec.Frames);
        var boxes = EngineChild.ReadBoxes(run.Boxes, spec.Frames);
        var samples = truth.RecognitionSamples().ToLookup(s => s.Frame, s => s.Line);
        (int Frame, int? Line)? stripAt = strip ? truth.StripSample() : null;

        using var maskVideo = truth.OpenMasks();
        using var streams = new LumaStreams(clip, run.Output);
        using var maskFrame = maskVideo.NewFrame();
        using var baseline = new Mat(height, width, MatType.CV_8UC1);
        using var text = new TextMask(width, height);
        using var around = new TextSurroundings(width, height);
        using var telea = new TeleaBaseline();
        using var luma = new LumaMeter(width, height);
        using var detection = new DetectionMeter(width, height);
        using var inputColour = new Mat();
        using var outputColour = new Mat();
        for (var n = 0; n < spec.Frames; n++)
        {
            if (!maskVideo.TryRead(maskFrame) || !streams.TryRead())
            {
                score.Warnings.Add($"a stream ended at frame {n} of {spec.Frames}; scored the frames before");
                break;
            }

            text.Load(maskFrame);
            around.Update(text);
            telea.Clean(streams.InputLuma, text, baseline);
            detection.Measure(text, masks[n], boxes[n].Count, score.Detection);
            luma.Measure(streams.CleanLuma, streams.OutputLuma, baseline, streams.TranscodeLuma, text, around, detection.Replaced, score.Luma);
            if (samples.Contains(n))
            {
                Cv2.CvtColor(streams.Input, inputColour, ColorConversionCodes.YUV2BGR_I420);
                Cv2.CvtColor(streams.Output, outputColour, ColorConversionCodes.YUV2BGR_I420);
                foreach (var line in samples[n])
                {
                    var slot = truth.SlotOf(line);
                    if (text.PixelsOf(slot) == 0) continue;
                    var area = LineReadings.CropAround(text.BoxOf(slot), width, height);
                    score.Input.Add(line, Read(recognizer, inputColour, area));
                    score.Output.Add(line, Read(recognizer, outputColour, area));
                }
            }

            if (stripAt is { } at && at.Frame == n)
                score.Strip = StripPanels.Capture(streams, at.Line is { } shown && text.PixelsOf(truth.SlotOf(shown)) > 0 ? text.BoxOf(truth.SlotOf(shown)) : null);
            score.FramesCompared = n + 1;
        }

        return score;
    }

    private static string Read(TextRecognizer recognizer, Mat frame, Rect area)
    {
        using var crop = new Mat(frame, area);
        return recognizer.Read(crop);
    }
}

/// <summary>The four decoded videos a clip is scored on, read in step, each with a view of its luma plane.</summary>
internal sealed class LumaStreams : IDisposable
{
    private readonly RawVideo[] _videos;
    private readonly Mat[] _frames;
    private readonly Mat[] _lumas;

    public LumaStreams(GeneratedClip clip, string output)
    {
        var spec = clip.Spec;
        _videos = [.. new[] { clip.Clean, clip.Subtitled, output, clip.Transcode }.Select(path => RawVideo.Open(path, spec.Width, spec.Height))];
        _frames = [.. _videos.Select(v => v.NewFrame())];
        _lumas = [.. _frames.Select(RawVideo.Luma)];
    }

    public Mat Clean => _frames[0];
    public Mat Input => _frames[1];
    public Mat Output => _frames[2];
    public Mat CleanLuma => _lumas[0];
    public Mat InputLuma => _lumas[1];
    public Mat OutputLuma => _lumas[2];
    public Mat TranscodeLuma => _lumas[3];

    /// <summary>The next frame of every stream; false when any has ended.</summary>
    public bool TryRead() => _videos.Select((v, i) => v.TryRead(_frames[i])).ToArray().All(read => read);

    public void Dispose()
    {
        foreach (var d in _lumas.Concat<IDisposable>(_frames).Concat(_videos)) d.Dispose();
    }
}
