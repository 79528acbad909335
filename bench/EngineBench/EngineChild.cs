using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Vtis.Engine;

namespace Vtis.EngineBench;

/// <summary>What a child run prints as its last stdout line (JSON): the engine's result and the process's peak memory.</summary>
internal sealed record ChildReport(
    int Frames, int Width, int Height, double DurationSeconds, int FramesWithText, double ElapsedSeconds, long PeakBytes, string? Error)
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
}

/// <summary>
/// The hidden <c>--child</c> mode: runs the engine once in a process of its own, so its peak memory (VmHWM) is the
/// engine's and not the bench's. The boxes the engine cleaned go to a file, one frame per line:
/// <c>index TAB x,y,w,h x,y,w,h ...</c>; the pixels it replaced go beside it (<see cref="EngineMaskFile"/>).
/// </summary>
internal static class EngineChild
{
    public const string Flag = "--child";

    public static IEnumerable<string> Arguments(string input, string output, int threads, string boxes, IEnumerable<string> settings) =>
        [Flag, input, output, threads.ToString(CultureInfo.InvariantCulture), boxes, .. settings];

    public static async Task<int> RunAsync(IReadOnlyList<string> args, CancellationToken ct)
    {
        if (args.Count < 5)
        {
            Console.Error.WriteLine("usage: --child INPUT OUTPUT THREADS BOXES [Name=Value...]");
            return 2;
        }

        var threads = BenchOptions.Number("threads", args[3], min: 0);
        try
        {
            using var engine = new TextRemovalEngine(EngineSettings.Apply(new EngineOptions { Threads = threads }, args.Skip(5)));
            await using var boxes = new StreamWriter(args[4]);
            await using var masks = new BinaryWriter(File.Create(EngineMaskFile.PathBeside(args[4])));
            var result = await engine.RunAsync(new RemovalRequest
            {
                InputPath = args[1],
                OutputPath = args[2],
                Detect = true,
                OnFrameMask = mask =>
                {
                    boxes.WriteLine(Format(mask));
                    EngineMaskFile.Write(masks, mask);
                },
            }, progress: null, ct);
            await boxes.FlushAsync(ct);
            masks.Flush();
            Print(new ChildReport(result.Frames, result.Width, result.Height, result.DurationSeconds, result.FramesWithText,
                result.Elapsed.TotalSeconds, PeakBytes(), Error: null));
            return 0;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            Print(new ChildReport(0, 0, 0, 0, 0, 0, PeakBytes(), $"{e.GetType().Name}: {e.Message}"));
            Console.Error.WriteLine(e);
            return 1;
        }
    }

    /// <summary>Reads a boxes file back: the boxes of each frame, by frame index.</summary>
    public static IReadOnlyList<PixelBox>[] ReadBoxes(string path, int frames)
    {
        var perFrame = Enumerable.Range(0, frames).Select(_ => (IReadOnlyList<PixelBox>)[]).ToArray();
        foreach (var line in File.ReadLines(path))
        {
            var parts = line.Split('\t');
            var index = int.Parse(parts[0], CultureInfo.InvariantCulture);
            if (index < 0 || index >= frames || parts.Length < 2 || parts[1].Length == 0) continue;
            perFrame[index] = [.. parts[1].Split(' ').Select(ParseBox)];
        }

        return perFrame;
    }

    private static string Format(FrameMask mask) => string.Create(CultureInfo.InvariantCulture,
        $"{mask.Index}\t{string.Join(' ', mask.Boxes.Select(b => $"{b.X},{b.Y},{b.Width},{b.Height}"))}");

    private static PixelBox ParseBox(string text)
    {
        var v = text.Split(',').Select(p => int.Parse(p, CultureInfo.InvariantCulture)).ToArray();
        return new PixelBox(v[0], v[1], v[2], v[3]);
    }

    private static void Print(ChildReport report) => Console.WriteLine(JsonSerializer.Serialize(report, ChildReport.Json));

    /// <summary>VmHWM: the most resident memory this process ever had, native buffers (OpenCV, ONNX Runtime) included.</summary>
    private static long PeakBytes()
    {
        using var self = Process.GetCurrentProcess();
        self.Refresh();
        return self.PeakWorkingSet64;
    }
}
