using System.Globalization;
using static Vtis.EngineBench.SubtitleLooks;

namespace Vtis.EngineBench;

/// <summary>Recipes of the categories whose text moves across the frame: scrolling credits and sliding captions.</summary>
internal static class MovingTextClips
{
    /// <summary>Lines in the credits' script; how many the clip shows depends on the speed drawn.</summary>
    private const int CreditLines = 14;

    /// <summary>
    /// Credits: role and name lines, centred, moving up together at 1.5-4 px a frame. Each line is drawn only while it
    /// is on screen, and lines are spaced so that at most seven are (the ground truth has seven colours), with room for
    /// the slot gap between one leaving and the next entering.
    /// </summary>
    public static ClipSpec Credits(ClipDraft draft)
    {
        var d = draft.Dice;
        const int height = ClipDraft.Height;
        var size = d.Between(28, 40);
        var font = d.Pick(LatinFonts.Where(f => !f.Contains("Mono", StringComparison.Ordinal)).ToList());
        var names = new SubtitleStyle(font, size, d.Pick(["white", "0xf0e6c8"]), Border: d.Between(0, 2), Shadow: d.Between(0, 2));
        var roles = names with { Size = (int)Math.Round(size * 0.7), Colour = d.Pick(["0xc8c8c8", "0xe0d090"]) };
        var perFrame = d.Between(1.5, 4.0, 1);
        var speed = perFrame * ClipDraft.Fps;
        var lineHeight = (int)Math.Ceiling(size * 1.4);
        var spacing = (int)Math.Ceiling((height + lineHeight + speed * GroundTruth.SlotGap + 4) / GroundTruth.Slots) + d.Between(0, 16);
        var top = (int)(d.Between(0.05, 0.3) * height);
        var roleList = d.Several(TextPools.CreditRoles, CreditLines / 2);
        var nameList = d.Several(TextPools.Names, CreditLines / 2);
        var where = string.Create(CultureInfo.InvariantCulture, $"credits up {perFrame:0.0} px/frame, {spacing} px apart");
        List<SubtitleLine> lines = [];
        for (var i = 0; i < CreditLines; i++)
        {
            var y0 = top + i * spacing;
            var enter = Math.Max(0, (y0 - height) / speed);
            var leave = Math.Min(draft.Seconds, (y0 + lineHeight) / speed);
            if (enter >= draft.Seconds) break;
            var (text, style) = i % 2 == 0 ? (roleList[i / 2], roles) : (nameList[i / 2], names);
            lines.Add(new SubtitleLine(text, style, "(w-tw)/2", string.Create(CultureInfo.InvariantCulture, $"{y0}-{speed:0.#}*t"),
                Math.Round(enter, 3), Math.Round(leave, 3), where));
        }

        return draft.Clip(draft.Photo(), CameraPath.Drift(d), lines);
    }

    /// <summary>The first clip: a news ticker moving left at 3-6 px a frame along the bottom, on a band on some clips.
    /// The second: a name caption sliding in from a side and stopping about halfway. Ordinary subtitles on some clips.</summary>
    public static ClipSpec Slide(ClipDraft draft)
    {
        var d = draft.Dice;
        var style = Latin(d, 30, 42) with { Border = d.Between(0, 2) };
        if (d.Chance(0.5)) style = style with { Box = new TextBox(d.Pick(BoxColours), d.Between(0.45, 0.6), d.Between(6, 10)) };
        var margin = d.Between(24, 50);
        List<SubtitleLine> lines = [draft.First ? Ticker(draft, style, margin) : Caption(draft, style)];
        if (d.Chance(0.5))
        {
            var above = draft.First ? margin + style.Size + 2 * (style.Box?.Padding ?? 0) + d.Between(30, 50) : d.Between(40, 80);
            var subtitle = new Placement("(w-tw)/2", $"h-th-{above}", $"bottom centre, {above} px up");
            lines.AddRange(Consecutive(draft.Seconds, Latin(d, 34, 46), subtitle, d.Several(TextPools.Latin, LineCount(d, draft.Seconds, 2, 3))));
        }

        return draft.Clip(draft.Photo(), CameraPath.Moving(d), lines);
    }

    private static SubtitleLine Ticker(ClipDraft draft, SubtitleStyle style, int margin)
    {
        var d = draft.Dice;
        var perFrame = d.Between(3.0, 6.0, 1);
        var start = (int)(d.Between(0.1, 0.5) * ClipDraft.Width);
        var text = string.Join("  -  ", d.Several(TextPools.Headlines, 3));
        return new SubtitleLine(text, style, string.Create(CultureInfo.InvariantCulture, $"{start}-{perFrame * ClipDraft.Fps:0.#}*t"), $"h-th-{margin}",
            0, draft.Seconds, string.Create(CultureInfo.InvariantCulture, $"ticker left at {perFrame:0.0} px/frame from x {start}, {margin} px up"));
    }

    private static SubtitleLine Caption(ClipDraft draft, SubtitleStyle style)
    {
        var d = draft.Dice;
        // It starts early and arrives by the middle of the clip, so that it is seen both moving and still.
        var start = d.Between(0.05 * draft.Seconds, 0.15 * draft.Seconds);
        var arrival = d.Between(0.45 * draft.Seconds, 0.65 * draft.Seconds);
        var stop = d.Between(40, 120);
        var speed = (int)Math.Round((ClipDraft.Width - stop) / (arrival - start));
        var y = (int)(d.Between(0.6, 0.72) * ClipDraft.Height);
        var fromRight = d.Chance(0.5);
        var x = fromRight
            ? string.Create(CultureInfo.InvariantCulture, $"max({stop},w-(t-{start})*{speed})")
            : string.Create(CultureInfo.InvariantCulture, $"min({stop},(t-{start})*{speed}-tw)");
        var text = $"{d.Pick(TextPools.Names)} - {d.Pick(TextPools.CaptionRoles)}";
        return new SubtitleLine(text, style, x, I(y), start, draft.Seconds,
            string.Create(CultureInfo.InvariantCulture, $"caption sliding in from the {(fromRight ? "right" : "left")} at {speed} px/s from {start:0.00} s, stops at x {stop}, y {y}"));
    }
}
