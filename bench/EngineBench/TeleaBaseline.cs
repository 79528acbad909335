using OpenCvSharp;

namespace Vtis.EngineBench;

/// <summary>
/// The baseline the engine must beat: each subtitled frame inpainted on its own with OpenCV's Telea (radius 3), given
/// perfect masks (the ground truth grown by 1 px, which takes in the faint anti-aliased edge). It works on the luma
/// plane directly: Telea's weights depend only on the mask's geometry, so inpainting Y gives the Y of inpainting the
/// colour channels, up to rounding. For speed it runs on areas around the lines (Telea reads no farther than its
/// radius from the mask), merged where they overlap so that each area holds whole lines.
/// </summary>
internal sealed class TeleaBaseline : IDisposable
{
    public const double Radius = 3;

    /// <summary>Mask growth plus Telea's reach plus a pixel of border.</summary>
    private const int Margin = 1 + (int)Radius + 1;

    private readonly Mat _grown = new();
    private readonly Mat _patch = new();
    private readonly Mat _cross = Cv2.GetStructuringElement(MorphShapes.Rect, new Size(3, 3));

    /// <summary>Writes into <paramref name="baseline"/> the input's luma with the text inpainted.</summary>
    public void Clean(Mat inputLuma, TextMask text, Mat baseline)
    {
        inputLuma.CopyTo(baseline);
        if (text.TextPixels == 0) return;
        Cv2.Dilate(text.Binary, _grown, _cross);
        foreach (var area in Areas(text))
        {
            using var source = new Mat(inputLuma, area);
            using var mask = new Mat(_grown, area);
            using var target = new Mat(baseline, area);
            Cv2.Inpaint(source, mask, _patch, Radius, InpaintTypes.Telea);
            _patch.CopyTo(target);
        }
    }

    public void Dispose()
    {
        _grown.Dispose();
        _patch.Dispose();
        _cross.Dispose();
    }

    private static List<Rect> Areas(TextMask text)
    {
        var areas = text.PresentSlots.Select(s => TextSurroundings.Grow(text.BoxOf(s), Margin, text.Width, text.Height)).ToList();
        for (var merged = true; merged;)
        {
            merged = false;
            for (var i = 0; i < areas.Count && !merged; i++)
            {
                for (var j = i + 1; j < areas.Count && !merged; j++)
                {
                    if (!areas[i].IntersectsWith(areas[j])) continue;
                    areas[i] |= areas[j];
                    areas.RemoveAt(j);
                    merged = true;
                }
            }
        }

        return areas;
    }
}
