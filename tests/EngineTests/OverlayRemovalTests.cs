using Vtis.EngineTests.Support;

namespace Vtis.EngineTests;

/// <summary>What is not a plain subtitle: a translucent box behind the text, a logo that stays put for the whole clip,
/// credits that scroll. Each is burned into the panned fractal; the same drawing in white on black is its mask.</summary>
public sealed class OverlayRemovalTests
{
    private const string Font = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf";

    /// <summary>White text on a black box at half opacity, 10 px of box around the letters.</summary>
    private static readonly Overlay Boxed = new("boxed", colour => colour is null
        ? $"drawtext=fontfile={Font}:text='Where did you park the car':fontsize=26:fontcolor=white:box=1:boxcolor=black@0.5:boxborderw=10:x=(w-tw)/2:y=h-th-40"
        : $"drawtext=fontfile={Font}:text='Where did you park the car':fontsize=26:fontcolor={colour}:box=1:boxcolor={colour}:boxborderw=10:x=(w-tw)/2:y=h-th-40");

    /// <summary>A logo with no letters (a frame and a bar), white at 60 % in the top right corner for the whole clip.</summary>
    private static readonly Overlay Logo = new("logo", colour => string.Join(',',
        $"drawbox=x=w-130:y=20:w=100:h=60:color={colour ?? "white@0.6"}:t=5",
        $"drawbox=x=w-110:y=40:w=60:h=20:color={colour ?? "white@0.6"}:t=fill"));

    /// <summary>Four credit lines moving up 3 pixels a frame.</summary>
    private static readonly Overlay Credits = new("credits", colour => string.Join(',',
        new[] { "Director Anna Berg", "Camera Luis Ortega", "Sound Mei Chen", "Editor Tom Fischer" }.Select((line, i) =>
            $"drawtext=fontfile={Font}:text='{line}':fontsize=24:fontcolor={colour ?? "white"}:borderw=2:bordercolor={colour ?? "black"}" +
            $":x=(w-tw)/2:y=h-n*3+{i * 60}")));

    [Test]
    public async Task Semi_transparent_box_is_seen_through()
    {
        var score = await Overlay.ScoreAsync(Boxed, staticOverlays: true);
        TestContext.Out.WriteLine(score);
        Assert.That(score.OutputVsClean.Decibels, Is.GreaterThanOrEqualTo(score.InputVsClean.Decibels + 10),
            "inside the box and its text, the output is at least 10 dB closer to the clean clip than the input");
    }

    [Test]
    public async Task A_logo_that_stays_put_is_removed_unless_kept()
    {
        var removed = await Overlay.ScoreAsync(Logo, staticOverlays: true);
        var kept = await Overlay.ScoreAsync(Logo, staticOverlays: false);
        TestContext.Out.WriteLine($"removed: {removed}\nkept: {kept}");
        using (Assert.EnterMultipleScope())
        {
            Assert.That(removed.OutputVsClean.Decibels, Is.GreaterThanOrEqualTo(removed.InputVsClean.Decibels + 6), "removed by default");
            Assert.That(kept.OutputVsInput.Decibels, Is.GreaterThanOrEqualTo(30), "kept when switched off: only encoding loss");
        }
    }

    [Test]
    public async Task Scrolling_credits_are_removed()
    {
        var score = await Overlay.ScoreAsync(Credits, staticOverlays: true);
        TestContext.Out.WriteLine(score);
        Assert.That(score.OutputVsClean.Decibels, Is.GreaterThanOrEqualTo(score.InputVsClean.Decibels + 8),
            "inside the moving text, the output is at least 8 dB closer to the clean clip than the input");
    }

    /// <summary>An overlay drawn by a filter chain: in its own colours (null), or flat in one colour for its mask.</summary>
    private sealed record Overlay(string Name, Func<string?, string> Draw)
    {
        public static async Task<OverlayScore> ScoreAsync(Overlay overlay, bool staticOverlays)
        {
            var clip = await Clips.Overlaid(overlay.Name, overlay.Draw(null));
            var run = await EngineRuns.RunAsync(clip.Subtitled, staticOverlays: staticOverlays);
            var score = new OverlayScore(new Psnr(), new Psnr(), new Psnr());
            await using var output = LumaFrames.Decode(run.Output, Subtitles.Width, Subtitles.Height);
            await using var clean = LumaFrames.Decode(clip.Clean, Subtitles.Width, Subtitles.Height);
            await using var input = LumaFrames.Decode(clip.Subtitled, Subtitles.Width, Subtitles.Height);
            await using var mask = LumaFrames.Render(
                $"color=c=black:s={Subtitles.Width}x{Subtitles.Height}:r={Subtitles.Rate}:d={Subtitles.Seconds},{overlay.Draw("white")}",
                Subtitles.Width, Subtitles.Height);
            await LumaFrames.ZipAsync([output, clean, input, mask], (_, f) =>
            {
                var inside = Subtitles.ToMask(f[3]);
                score.OutputVsClean.Add(f[0], f[1], inside);
                score.InputVsClean.Add(f[2], f[1], inside);
                score.OutputVsInput.Add(f[0], f[2], inside);
            });
            return score;
        }
    }

    private sealed record OverlayScore(Psnr OutputVsClean, Psnr InputVsClean, Psnr OutputVsInput)
    {
        public override string ToString() =>
            $"inside the overlay: output vs clean {OutputVsClean}, input vs clean {InputVsClean}, output vs input {OutputVsInput}";
    }
}
