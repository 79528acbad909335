using static Vtis.EngineBench.SubtitleLooks;

namespace Vtis.EngineBench;

/// <summary>Recipes of the categories about what lies under the text: a logo the camera moves under, background that
/// shows only later, and no text at all.</summary>
internal static class OverlayClips
{
    /// <summary>
    /// A white translucent logo (50-70 % opaque) in a top corner for the whole clip, in a hollow frame on some clips,
    /// with ordinary subtitles on some. Its ground truth is the same drawing at full opacity.
    /// </summary>
    public static ClipSpec Watermark(ClipDraft draft)
    {
        var d = draft.Dice;
        var chinese = d.Chance(0.3);
        var text = d.Pick(chinese ? TextPools.ChineseLabels : TextPools.LatinLabels);
        var font = chinese ? d.Pick([ChineseFonts[1], ChineseFonts[3]]) : d.Pick([$"{DejaVu}/DejaVuSans-Bold.ttf", $"{DejaVu}/DejaVuSerif-Bold.ttf", $"{DejaVu}/DejaVuSans.ttf"]);
        var style = new SubtitleStyle(font, d.Between(36, 64), "white", Opacity: d.Between(0.5, 0.7));
        var margin = d.Between(24, 48);
        var right = d.Chance(0.6);
        var corner = $"top {(right ? "right" : "left")}, {margin} px in";
        SubtitleLine logo;
        if (d.Chance(0.5))
        {
            // drawbox needs numbers: the frame is sized from an estimate of the text's width, and the text centred in it.
            var padding = d.Between(8, 16);
            var width = EstimatedWidth(text, style.Size, chinese) + 2 * padding;
            var height = style.Size + 2 * padding;
            var x = right ? ClipDraft.Width - margin - width : margin;
            var frame = new LogoFrame(x, margin, width, height, d.Between(2, 4));
            logo = new SubtitleLine(text, style, $"{x}+({width}-tw)/2", $"{margin}+({height}-th)/2", 0, draft.Seconds, corner, frame);
        }
        else
        {
            logo = new SubtitleLine(text, style, right ? $"w-tw-{margin}" : I(margin), I(margin), 0, draft.Seconds, corner);
        }

        List<SubtitleLine> lines = [logo];
        if (d.Chance(0.5))
            lines.AddRange(Consecutive(draft.Seconds, Latin(d, 34, 48), Bottom(d, ClipDraft.Height), d.Several(TextPools.Latin, LineCount(d, draft.Seconds, 2, 3))));
        return draft.Clip(draft.Photo(), CameraPath.Moving(d), lines);
    }

    /// <summary>
    /// Background under the text that no earlier frame shows. The first clip zooms in from the whole picture (zoom 1.0
    /// to 1.5) about a point low in the frame, so what is under the bottom lines rises out from under them; the second
    /// pans up (the picture moves down) with the lines at the top, so what they hide comes out below them.
    /// </summary>
    public static ClipSpec Reveal(ClipDraft draft)
    {
        var d = draft.Dice;
        var chinese = d.Chance(0.3);
        var style = chinese ? SubtitleLooks.Chinese(d, 40, 52) : Latin(d, 36, 50);
        var texts = d.Several(chinese ? TextPools.Chinese : TextPools.Latin, LineCount(d, draft.Seconds, 2, 3));
        CameraPath path;
        Placement place;
        if (draft.First)
        {
            var x = d.Between(0.3, 0.7);
            var y = d.Between(0.8, 0.95);
            path = new CameraPath(1.0, 1.5, x, x, y, y);
            place = Bottom(d, ClipDraft.Height);
        }
        else
        {
            var x = d.Between(0.2, 0.8);
            var zoom = d.Between(1.3, 1.5);
            path = new CameraPath(zoom, zoom, x, Math.Round(Math.Clamp(x + d.Between(-0.1, 0.1), 0, 1), 2), 1.0, 0.0);
            place = Top(d, ClipDraft.Height);
        }

        return draft.Clip(draft.Photo(), path, Consecutive(draft.Seconds, style, place, texts));
    }

    /// <summary>A moving camera and nothing to remove: the output must be the plain transcode.</summary>
    public static ClipSpec NoText(ClipDraft draft) => draft.Clip(draft.Photo(), CameraPath.Moving(draft.Dice), []);

    /// <summary>Rough advance widths of DejaVu capitals, digits and spaces, and of CJK ideographs (one em each).</summary>
    private static int EstimatedWidth(string text, int size, bool chinese) =>
        (int)Math.Ceiling(size * text.Sum(c => chinese ? 1.0 : c == ' ' ? 0.35 : c is 'I' or '1' ? 0.45 : 0.75));
}
