using System.Globalization;

namespace Vtis.Engine;

/// <summary>The engine without the server: <c>process &lt;input&gt; --output &lt;file&gt; [--region x0,y0,x1,y1[@start-end]]…
/// [--no-detect] [--quality standard|high] [--threads N]</c>. Exit codes: 0 done, 2 bad arguments, 3 unreadable
/// input, 1 any other failure, 130 interrupted.</summary>
public static class ProcessCommand
{
    public const string Name = "process";

    public const string Usage =
        "usage: process <input> --output <file> [--region x0,y0,x1,y1[@start-end]]... [--no-detect] [--keep-overlays] [--quality standard|high] [--threads N]\n" +
        "  regions are fractions of the frame (0..1), times in seconds; with --no-detect only the regions are cleaned;\n" +
        "  --keep-overlays leaves watermarks and logos the detector does not read as text.";

    public static async Task<int> RunAsync(IReadOnlyList<string> args, EngineOptions options, TextWriter output, TextWriter error, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        RemovalRequest request;
        try
        {
            request = Parse(args, options);
        }
        catch (FormatException bad)
        {
            await error.WriteLineAsync($"error: {bad.Message}\n{Usage}");
            return 2;
        }

        using var engine = new TextRemovalEngine(options);
        var lastPercent = -1;
        var progress = new Progress(p =>
        {
            if (p.Percent == lastPercent) return;
            lastPercent = p.Percent;
            output.WriteLine($"progress {p.Percent}% (frame {p.Frame} of about {p.TotalFrames})");
        });
        try
        {
            var result = await engine.RunAsync(request, progress, ct);
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"done: {request.OutputPath}: {result.Frames} frames {result.Width}x{result.Height}, text in {result.FramesWithText}, " +
                $"{result.Elapsed.TotalSeconds:0.0} s ({result.FramesPerSecond:0.0} fps)"));
            return 0;
        }
        catch (EngineInputException unreadable)
        {
            await error.WriteLineAsync($"error: {unreadable.Message}");
            return 3;
        }
        catch (OperationCanceledException)
        {
            await error.WriteLineAsync("interrupted; no output written");
            return 130;
        }
        catch (InvalidOperationException failed)
        {
            await error.WriteLineAsync($"error: {failed.Message}");
            return 1;
        }
    }

    private static RemovalRequest Parse(IReadOnlyList<string> args, EngineOptions options)
    {
        string? input = null, outputPath = null;
        var regions = new List<TextRegion>();
        var detect = true;
        var overlays = true;
        var quality = EncodeQuality.Standard;
        for (var i = 0; i < args.Count; i++)
        {
            string Value() => i + 1 < args.Count ? args[++i] : throw new FormatException($"{args[i]} needs a value.");
            switch (args[i])
            {
                case "--output" or "-o": outputPath = Value(); break;
                case "--region": regions.Add(TextRegion.Parse(Value())); break;
                case "--no-detect": detect = false; break;
                case "--keep-overlays": overlays = false; break;
                case "--quality":
                    quality = Value() switch
                    {
                        "standard" => EncodeQuality.Standard,
                        "high" => EncodeQuality.High,
                        var q => throw new FormatException($"--quality must be standard or high, not '{q}'."),
                    };
                    break;
                case "--threads":
                    options.Threads = int.TryParse(Value(), CultureInfo.InvariantCulture, out var n) && n > 0 ? n
                        : throw new FormatException("--threads must be a positive number.");
                    break;
                case var a when a.StartsWith('-'): throw new FormatException($"unknown option {a}.");
                case var a when input is null: input = a; break;
                default: throw new FormatException($"unexpected argument '{args[i]}'.");
            }
        }
        if (input is null) throw new FormatException("give the input video.");
        if (outputPath is null) throw new FormatException("give --output <file>.");
        if (!detect && regions.Count == 0) throw new FormatException("with --no-detect, give at least one --region.");
        if (Path.GetFullPath(input) == Path.GetFullPath(outputPath)) throw new FormatException("the output must not be the input.");
        return new RemovalRequest
        {
            InputPath = input, OutputPath = outputPath, Regions = regions, Detect = detect, StaticOverlays = overlays, Quality = quality,
        };
    }

    /// <summary>Reports synchronously, in order (System.Progress would post to the thread pool).</summary>
    private sealed class Progress(Action<RemovalProgress> report) : IProgress<RemovalProgress>
    {
        public void Report(RemovalProgress value) => report(value);
    }
}
