namespace Vtis.EngineTests.Support;

/// <summary>
/// The burned-in subtitles of the subtitled clip: white with a black outline, bottom centre, one line then another
/// mid-clip (between detector frames), then none. The same drawtext drawn white-on-black is the ground-truth mask.
/// </summary>
internal static class Subtitles
{
    public const int Width = 640;
    public const int Height = 360;
    public const int Rate = 25;
    public const double Seconds = 3;

    /// <summary>Mask pixels at or above this (of 255) count as text, outline and anti-aliased edge included.</summary>
    public const byte MaskThreshold = 32;

    private const string Font = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf";

    private static readonly (string Text, string Enable)[] Lines =
    [
        ("The quick brown fox", "lt(t,1.5)"),
        ("jumps over the lazy dog", "gte(t,1.5)*lt(t,2.6)"),
    ];

    /// <summary>The drawtext chain that burns the subtitles in.</summary>
    public static string Burn => Draw("white", "black");

    /// <summary>A lavfi graph rendering only the subtitles, white (outline too) on black, frame for frame with the clip.</summary>
    public static string MaskGraph => $"color=c=black:s={Width}x{Height}:r={Rate}:d={Seconds},{Draw("white", "white")}";

    /// <summary>One rendered mask frame as booleans: true where text (or its outline) is.</summary>
    public static bool[] ToMask(byte[] maskFrame) => Array.ConvertAll(maskFrame, v => v >= MaskThreshold);

    private static string Draw(string fill, string outline) => string.Join(',', Lines.Select(line =>
        $"drawtext=fontfile={Font}:text='{line.Text}':fontsize=28:fontcolor={fill}:borderw=3:bordercolor={outline}" +
        $":x=(w-tw)/2:y=h-th-30:enable='{line.Enable}'"));
}
