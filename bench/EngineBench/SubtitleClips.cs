using static Vtis.EngineBench.SubtitleLooks;

namespace Vtis.EngineBench;

/// <summary>Recipes of the categories whose text is ordinary subtitles, one line after another.</summary>
internal static class SubtitleClips
{
    /// <summary>Chinese lines low in the frame; on some clips each with its English translation under it, as
    /// bilingual releases show them.</summary>
    public static ClipSpec Chinese(ClipDraft draft)
    {
        var d = draft.Dice;
        var scene = draft.Photo(photograph: true);
        var path = CameraPath.Moving(d);
        var count = LineCount(d, draft.Seconds, 2, 4);
        var style = SubtitleLooks.Chinese(d, 40, 56);
        var place = Bottom(d, ClipDraft.Height);
        List<SubtitleLine> lines = [];
        if (d.Chance(0.4))
        {
            var english = Latin(d, 24, 32) with { Border = d.Between(1, 2) };
            lines.AddRange(Consecutive(draft.Seconds, english, place, d.Several(TextPools.Latin, count)));
            place = place.Raised(english.Size + d.Between(12, 20));
        }

        lines.InsertRange(0, Consecutive(draft.Seconds, style, place, d.Several(TextPools.Chinese, count)));
        return draft.Clip(scene, path, lines);
    }

    /// <summary>Latin or Chinese lines on a black or navy box, 40-60 % opaque.</summary>
    public static ClipSpec Boxed(ClipDraft draft)
    {
        var d = draft.Dice;
        var scene = draft.Photo();
        var path = CameraPath.Moving(d);
        var chinese = d.Chance(0.5);
        var style = SubtitleLooks.Boxed(d, chinese, chinese ? 36 : 32, chinese ? 52 : 48);
        var place = d.Chance(0.7) ? Bottom(d, ClipDraft.Height, 50, 90) : Top(d, ClipDraft.Height);
        var texts = d.Several(chinese ? TextPools.Chinese : TextPools.Latin, LineCount(d, draft.Seconds, 2, 3));
        return draft.Clip(scene, path, Consecutive(draft.Seconds, style, place, texts));
    }

    /// <summary>Subtitles over fine detail, filmed closer than other clips so the detail stays fine: the first clip
    /// over mypaint's tiled cork (a repeating texture), the second over a detailed photograph.</summary>
    public static ClipSpec Texture(ClipDraft draft)
    {
        var d = draft.Dice;
        var width = Scenes.SceneWidth(ClipDraft.Width);
        var scene = draft.First ? Scenes.TiledCork(width, ClipDraft.Fps) : Scenes.Photo(d.Pick(Scenes.Textures), width, ClipDraft.Fps);
        var path = CameraPath.Moving(d, 1.3, 1.8);
        var style = Latin(d, 36, 52);
        var texts = d.Several(TextPools.Latin, LineCount(d, draft.Seconds, 2, 3));
        return draft.Clip(scene, path, Consecutive(draft.Seconds, style, Anywhere(d, ClipDraft.Height), texts));
    }

    /// <summary>1920x1080 with subtitles sized for it; Chinese on some clips.</summary>
    public static ClipSpec FullHd(ClipDraft draft)
    {
        const int width = 1920, height = 1080;
        var d = draft.Dice;
        var scene = draft.Photo(width);
        var path = CameraPath.Moving(d);
        var chinese = d.Chance(0.3);
        var style = chinese ? SubtitleLooks.Chinese(d, 56, 72) : Latin(d, 56, 72);
        var texts = d.Several(chinese ? TextPools.Chinese : TextPools.Latin, LineCount(d, draft.Seconds, 2, 3));
        return draft.Clip(scene, path, Consecutive(draft.Seconds, style, Bottom(d, height), texts), width, height);
    }

    /// <summary>A camera that does not move: consecutive subtitles, on some clips a small label in a top corner.</summary>
    public static ClipSpec Static(ClipDraft draft)
    {
        var d = draft.Dice;
        var scene = draft.Photo();
        var path = CameraPath.Still(d.Between(1.1, 1.5), d.Between(0.0, 1.0), d.Between(0.0, 1.0));
        var style = Latin(d, 36, 50);
        List<SubtitleLine> lines =
            [.. Consecutive(draft.Seconds, style, Bottom(d, ClipDraft.Height), d.Several(TextPools.Latin, LineCount(d, draft.Seconds, 3, 4)))];
        if (d.Chance(0.5))
        {
            var label = new SubtitleStyle(d.Pick(LatinFonts), d.Between(26, 34), d.Pick(["0xff3030", "0xffd040"]), Border: 2, BorderColour: d.Pick(["white", "black"]));
            var margin = d.Between(30, 50);
            var right = d.Chance(0.5);
            lines.Add(new SubtitleLine(d.Pick(TextPools.LatinLabels), label, right ? $"w-tw-{margin}" : I(margin), I(margin), 0, draft.Seconds,
                $"label top {(right ? "right" : "left")}, {margin} px in"));
        }

        return draft.Clip(scene, path, lines);
    }
}
