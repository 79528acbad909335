using OpenCvSharp;
using static Vtis.EngineBench.Markdown;

namespace Vtis.EngineBench;

/// <summary>
/// Writes one before/after PNG per category (<c>--strips DIR</c>), named after the category, for the README. Strips are
/// paletted by ffmpeg (palettegen, then paletteuse with a fine ordered dither: error diffusion compresses badly, no
/// dither bands photographs): a few hundred kilobytes for all of them instead of megabytes.
/// </summary>
internal static class StripWriter
{
    private const int Colours = 128;

    public static async Task<IReadOnlyList<string>> WriteAsync(string directory, IEnumerable<ClipScore> scores, CancellationToken ct)
    {
        Directory.CreateDirectory(directory);
        var lines = new List<string>();
        long total = 0;
        foreach (var score in scores.Where(s => s.Strip is not null))
        {
            var path = Path.Combine(directory, $"{score.Spec.Category}.png");
            var full = Path.Combine(directory, $"{score.Spec.Category}.rgb.png");
            using (var strip = score.Strip!.Compose())
                Cv2.ImWrite(full, strip);
            try
            {
                await Ffmpeg.RunAsync(["-i", full, "-vf", $"split[a][b];[a]palettegen=max_colors={Colours}:stats_mode=full[p];[b][p]paletteuse=dither=bayer:bayer_scale=4", path], ct);
            }
            finally
            {
                File.Delete(full);
            }

            var size = new FileInfo(path).Length;
            total += size;
            lines.Add($"{path}  {score.Spec.Name}, {score.Strip.Input.Width}x{score.Strip.Input.Height} per panel, {F("0", size / 1000.0)} kB");
        }

        lines.Add($"{lines.Count} strips, {F("0", total / 1000.0)} kB in all (panels: input | engine output | clean truth)");
        return lines;
    }
}
