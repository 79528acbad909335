using Vtis.Engine;
using Vtis.EngineTests.Support;

namespace Vtis.EngineTests;

/// <summary>Regions given with the request, on the subtitled clip (text in the bottom band, rows 300–332).</summary>
public sealed class RegionTests
{
    private const int W = Subtitles.Width;
    private const int H = Subtitles.Height;

    [Test]
    public async Task Without_detection_only_the_given_region_is_cleaned()
    {
        var bottom = new TextRegion(0.05, 0.72, 0.95, 0.99);
        var run = await EngineRuns.RunAsync((await Clips.Subtitled).Subtitled, [bottom], detect: false);
        var rect = Pixels(bottom);
        var score = await SubtitleScore.MeasureAsync(run.Output, area: Outside(rect, margin: 8));
        TestContext.Out.WriteLine(score);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(score.OutputVsClean.Decibels, Is.GreaterThanOrEqualTo(score.SubtitledVsClean.Decibels + 6), "the text inside is removed");
            Assert.That(score.AreaVsSubtitled.Decibels, Is.GreaterThanOrEqualTo(35), "outside the region (8 px margin) only encoding loss");
            Assert.That(run.Masks.SelectMany(m => m.Boxes).Where(b => !Inside(b, rect, tolerance: 2)), Is.Empty, "boxes outside the region");
        }
    }

    [Test]
    public async Task Detected_text_outside_the_given_regions_stays()
    {
        var top = new TextRegion(0, 0, 1, 0.5);
        var run = await EngineRuns.RunAsync((await Clips.Subtitled).Subtitled, [top], detect: true);
        var score = await SubtitleScore.MeasureAsync(run.Output);
        TestContext.Out.WriteLine(score);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(score.OutputVsSubtitled.Decibels, Is.GreaterThanOrEqualTo(30), "inside the text, output vs subtitled input: the text is still there");
            Assert.That(run.Masks.SelectMany(m => m.Boxes).Where(b => b.Bottom > 0.75 * H), Is.Empty, "boxes reaching the subtitle band");
        }
    }

    private static (int X0, int Y0, int X1, int Y1) Pixels(TextRegion r) =>
        ((int)Math.Floor(r.X0 * W), (int)Math.Floor(r.Y0 * H), (int)Math.Ceiling(r.X1 * W), (int)Math.Ceiling(r.Y1 * H));

    private static bool Inside(PixelBox b, (int X0, int Y0, int X1, int Y1) r, int tolerance) =>
        b.X >= r.X0 - tolerance && b.Y >= r.Y0 - tolerance && b.Right <= r.X1 + tolerance && b.Bottom <= r.Y1 + tolerance;

    /// <summary>A frame-sized mask of the pixels at least <paramref name="margin"/> away from the rectangle.</summary>
    private static bool[] Outside((int X0, int Y0, int X1, int Y1) r, int margin)
    {
        var mask = new bool[W * H];
        for (var y = 0; y < H; y++)
            for (var x = 0; x < W; x++)
                mask[(y * W) + x] = x < r.X0 - margin || x >= r.X1 + margin || y < r.Y0 - margin || y >= r.Y1 + margin;
        return mask;
    }
}
