using System.Globalization;

namespace Vtis.EngineBench;

/// <summary>A semi-transparent box behind a line (drawtext's <c>box</c>): colour, opacity and padding around the text.</summary>
internal sealed record TextBox(string Colour, double Opacity, int Padding);

/// <summary>A hollow rectangle drawn with the line (a logo's frame), in pixels, as translucent as the text.</summary>
internal sealed record LogoFrame(int X, int Y, int Width, int Height, int Thickness);

/// <summary>How a burned-in line looks: font file, size, fill, outline, drop shadow, opacity and an optional box.</summary>
internal sealed record SubtitleStyle(
    string FontPath, int Size, string Colour, int Border = 0, string BorderColour = "black", int Shadow = 0, double Opacity = 1, TextBox? Box = null)
{
    public string Font => Path.GetFileNameWithoutExtension(FontPath);

    /// <summary>For the Clips section: everything that was chosen, so a run can be read back.</summary>
    public string Describe() =>
        $"{Font} {Size} px {Colour}{(Opacity < 1 ? Alpha(Opacity) : "")}" +
        (Border > 0 ? $", border {Border} {BorderColour}" : "") + (Shadow > 0 ? $", shadow {Shadow}" : "") +
        (Box is { } b ? $", box {b.Colour}{Alpha(b.Opacity)} padding {b.Padding}" : "");

    /// <summary>An ffmpeg colour's opacity suffix, <c>@0.60</c>.</summary>
    public static string Alpha(double opacity) => string.Create(CultureInfo.InvariantCulture, $"@{opacity:0.00}");
}

/// <summary>
/// One line burned into a clip with ffmpeg <c>drawtext</c> between two times. X and Y are drawtext expressions (they
/// may use <c>t</c>, so a line can scroll or slide). The same filter drawn in one flat opaque colour on black gives the
/// line's exact pixel mask: fill, outline, shadow, box and frame included. <see cref="Where"/> says in words where it is.
/// </summary>
internal sealed record SubtitleLine(string Text, SubtitleStyle Style, string X, string Y, double Start, double End, string Where, LogoFrame? Frame = null)
{
    /// <summary>Characters drawtext or the filter graph would need escaped; the texts avoid them.</summary>
    private static readonly System.Buffers.SearchValues<char> NeedEscaping = System.Buffers.SearchValues.Create("'\\:%,;[]\n\r\t");

    /// <summary>The filters as burned into the subtitled clip.</summary>
    public string DrawText()
    {
        var alpha = Style.Opacity < 1 ? SubtitleStyle.Alpha(Style.Opacity) : "";
        var box = Style.Box is { } b ? b.Colour + SubtitleStyle.Alpha(b.Opacity) : null;
        return Filter(Style.Colour + alpha, Style.BorderColour + alpha, "black" + alpha, box, Style.Colour + alpha);
    }

    /// <summary>The same pixels in one flat opaque colour (text, outline, shadow, box and frame alike), for the ground truth.</summary>
    public string MaskDrawText(string colour) => Filter(colour, colour, colour, Style.Box is null ? null : colour, colour);

    /// <summary>Letters and digits only, lower case: what recognition is scored on (case and spacing are not).</summary>
    public string Comparable => TextComparison.Normalize(Text);

    private string Filter(string fill, string border, string shadow, string? box, string frame)
    {
        if (Text.AsSpan().ContainsAny(NeedEscaping))
            throw new InvalidOperationException($"Subtitle '{Text}' has characters drawtext would need escaped.");
        var s = Style;
        var when = string.Create(CultureInfo.InvariantCulture, $"enable='between(t,{Start:0.###},{End:0.###})'");
        var boxed = box is null ? "" : $":box=1:boxcolor={box}:boxborderw={s.Box!.Padding}";
        var text = $"drawtext=fontfile='{s.FontPath}':expansion=none:text='{Text}':fontsize={s.Size}:fontcolor={fill}" +
                   $":borderw={s.Border}:bordercolor={border}:shadowx={s.Shadow}:shadowy={s.Shadow}:shadowcolor={shadow}{boxed}:x='{X}':y='{Y}':{when}";
        return Frame is not { } f ? text : $"{text},drawbox=x={f.X}:y={f.Y}:w={f.Width}:h={f.Height}:color={frame}:t={f.Thickness}:{when}";
    }
}
