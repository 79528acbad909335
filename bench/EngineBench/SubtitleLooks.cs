using System.Globalization;

namespace Vtis.EngineBench;

/// <summary>Where a line goes: drawtext x and y expressions, and the same in words for the Clips section.</summary>
internal sealed record Placement(string X, string Y, string Where)
{
    /// <summary>The same horizontal place, <paramref name="pixels"/> higher (for a second line above the first).</summary>
    public Placement Raised(int pixels) => this with { Y = $"{Y}-{pixels}", Where = $"{Where}, raised {pixels} px" };
}

/// <summary>
/// The fonts, colours and places lines are drawn with, and the random picks among them. Fonts: DejaVu
/// (fonts-dejavu-core) for Latin text, Noto CJK (fonts-noto-cjk) for Chinese.
/// </summary>
internal static class SubtitleLooks
{
    public const string DejaVu = "/usr/share/fonts/truetype/dejavu";
    public const string NotoCjk = "/usr/share/fonts/opentype/noto";

    public static readonly string[] LatinFonts =
        [.. new[] { "DejaVuSans", "DejaVuSans-Bold", "DejaVuSerif", "DejaVuSerif-Bold", "DejaVuSansMono-Bold" }.Select(f => $"{DejaVu}/{f}.ttf")];

    public static readonly string[] ChineseFonts =
        [.. new[] { "NotoSansCJK-Regular", "NotoSansCJK-Bold", "NotoSerifCJK-Regular", "NotoSerifCJK-Bold" }.Select(f => $"{NotoCjk}/{f}.ttc")];

    /// <summary>White, yellow, amber, off-white, light cyan, light green.</summary>
    public static readonly string[] Fills = ["white", "0xffff40", "0xffd040", "0xf0f0f0", "0x80e0ff", "0x66ff66"];

    /// <summary>Black, near black, navy, dark red.</summary>
    public static readonly string[] Borders = ["black", "0x202020", "0x102060", "0x401010"];

    /// <summary>Black and dark navy, for boxes behind lines.</summary>
    public static readonly string[] BoxColours = ["black", "0x101838"];

    /// <summary>An outlined Latin subtitle: any DejaVu face and fill, a 1-4 px border, a shadow on some.</summary>
    public static SubtitleStyle Latin(ClipDice dice, int minSize, int maxSize) => new(
        dice.Pick(LatinFonts), dice.Between(minSize, maxSize), dice.Pick(Fills), Border: dice.Between(1, 4), BorderColour: dice.Pick(Borders),
        Shadow: dice.Chance(0.35) ? dice.Between(1, 3) : 0);

    /// <summary>A Chinese subtitle as Chinese video carries it: white or yellow, a 2-4 px black or dark border.</summary>
    public static SubtitleStyle Chinese(ClipDice dice, int minSize, int maxSize) => new(
        dice.Pick(ChineseFonts), dice.Between(minSize, maxSize), dice.Pick(["white", "0xffff40"]), Border: dice.Between(2, 4),
        BorderColour: dice.Pick(["black", "0x101010", "0x202040"]), Shadow: dice.Chance(0.25) ? dice.Between(1, 2) : 0);

    /// <summary>A line without outline on a semi-transparent box.</summary>
    public static SubtitleStyle Boxed(ClipDice dice, bool chinese, int minSize, int maxSize) => new(
        dice.Pick(chinese ? ChineseFonts : LatinFonts), dice.Between(minSize, maxSize), dice.Pick(["white", "0xffff40", "0xf0f0f0"]),
        Box: new TextBox(dice.Pick(BoxColours), dice.Between(0.4, 0.6), dice.Between(6, 14)));

    /// <summary>Low in the frame, centred most of the time, otherwise left-aligned; margins scale with the frame.</summary>
    public static Placement Bottom(ClipDice dice, int frameHeight, int minMargin = 40, int maxMargin = 90)
    {
        var margin = dice.Between(minMargin, maxMargin) * frameHeight / 720;
        return dice.Chance(0.8)
            ? new Placement("(w-tw)/2", $"h-th-{margin}", $"bottom centre, {margin} px up")
            : Left(dice, frameHeight, $"h-th-{margin}", $"bottom left, {margin} px up");
    }

    /// <summary>High in the frame, centred most of the time, otherwise left-aligned.</summary>
    public static Placement Top(ClipDice dice, int frameHeight)
    {
        var margin = dice.Between(30, 70) * frameHeight / 720;
        return dice.Chance(0.8)
            ? new Placement("(w-tw)/2", I(margin), $"top centre, {margin} px down")
            : Left(dice, frameHeight, I(margin), $"top left, {margin} px down");
    }

    /// <summary>Bottom three times in four, top otherwise.</summary>
    public static Placement Anywhere(ClipDice dice, int frameHeight) => dice.Chance(0.75) ? Bottom(dice, frameHeight) : Top(dice, frameHeight);

    /// <summary>Lines shown one after another over the clip, with a short gap so a viewer sees each change.</summary>
    public static SubtitleLine[] Consecutive(double seconds, SubtitleStyle style, Placement place, IReadOnlyList<string> texts)
    {
        var slot = seconds / texts.Count;
        return [.. texts.Select((text, i) => new SubtitleLine(text, style, place.X, place.Y, Math.Round(i * slot, 3), Math.Round((i + 1) * slot - 0.1, 3), place.Where))];
    }

    /// <summary>How many consecutive lines a clip shows: fewer in a short clip, so each stays up long enough to read.</summary>
    public static int LineCount(ClipDice dice, double seconds, int min, int max) => dice.Between(min, seconds >= 4 ? max : Math.Min(max, 3));

    public static string I(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static Placement Left(ClipDice dice, int frameHeight, string y, string where)
    {
        var margin = dice.Between(40, 120) * frameHeight / 720;
        return new Placement(I(margin), y, $"{where}, {margin} px in");
    }
}
