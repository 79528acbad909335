using System.Globalization;

namespace Vtis.EngineBench;

/// <summary>How a burned-in line looks: a DejaVu font (fonts-dejavu-core), size, fill, outline and drop shadow.</summary>
internal sealed record SubtitleStyle(string Font, int Size, string Colour, int Border = 0, string BorderColour = "black", int Shadow = 0)
{
    public const string FontDirectory = "/usr/share/fonts/truetype/dejavu";

    public string FontPath => Path.Combine(FontDirectory, Font + ".ttf");
}

/// <summary>
/// One subtitle line burned into a clip with ffmpeg <c>drawtext</c> between two times. X and Y are drawtext
/// expressions (they may use <c>t</c>, so a line can slide). The same filter, drawn in a flat colour on black, gives
/// the line's exact pixel mask: fill, outline and shadow included.
/// </summary>
internal sealed record SubtitleLine(string Text, SubtitleStyle Style, string X, string Y, double Start, double End)
{
    /// <summary>Characters that need no drawtext escaping; the texts are chosen from these so the filter stays readable.</summary>
    private static readonly System.Buffers.SearchValues<char> Plain =
        System.Buffers.SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 .!?-");

    /// <summary>The drawtext filter as burned into the subtitled clip.</summary>
    public string DrawText() => Filter(Style.Colour, Style.BorderColour, "black");

    /// <summary>The same glyphs in one flat colour (fill, outline and shadow alike), for the ground-truth mask.</summary>
    public string MaskDrawText(string colour) => Filter(colour, colour, colour);

    /// <summary>Letters and digits only, lower case: what recognition is scored on (case and spacing are not).</summary>
    public string Comparable => TextComparison.Normalize(Text);

    private string Filter(string fill, string border, string shadow)
    {
        if (Text.AsSpan().ContainsAnyExcept(Plain))
            throw new InvalidOperationException($"Subtitle '{Text}' has characters drawtext would need escaped.");
        var s = Style;
        return string.Create(CultureInfo.InvariantCulture,
            $"drawtext=fontfile='{s.FontPath}':expansion=none:text='{Text}':fontsize={s.Size}:fontcolor={fill}" +
            $":borderw={s.Border}:bordercolor={border}:shadowx={s.Shadow}:shadowy={s.Shadow}:shadowcolor={shadow}" +
            $":x='{X}':y='{Y}':enable='between(t,{Start:0.###},{End:0.###})'");
    }
}
