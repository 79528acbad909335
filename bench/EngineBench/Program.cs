// Quality and speed benchmark of the local text-removal engine (the engine's acceptance figures, issue 17):
//
//     dotnet run -c Release --project bench/EngineBench -- [--quick] [--work DIR] [--threads N] [--categories a,b]
//         [--seed N] [--strips DIR] [--set Name=Value]...
//
// Draws clips per category of hard case from a seed (CJK subtitles, boxes, credits, sliding captions, watermarks,
// background revealed later, fine textures, 1080p, no text, a static camera): clean scenes filmed by a moving camera
// over Debian's wallpapers, their twins with text burned in by ffmpeg drawtext, and pixel-exact masks of the text.
// Runs the engine on each, scores its output on luma against the clean clip, a per-frame Telea baseline and a plain
// transcode, and prints Markdown tables and PASS/FAIL targets. Needs ffmpeg, fonts-dejavu-core, fonts-noto-cjk and
// the models in src/Engine/models.
using System.Runtime.InteropServices;
using Vtis.EngineBench;

if (args.Length > 0 && args[0] == EngineChild.Flag)
    return await EngineChild.RunAsync(args, CancellationToken.None);

BenchOptions options;
try
{
    options = BenchOptions.Parse(args);
}
catch (ArgumentException e)
{
    Console.Error.WriteLine($"{e.Message}\n{BenchOptions.Usage}");
    return 2;
}

using var cancel = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancel.Cancel();
};
using var onTerm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, signal =>
{
    signal.Cancel = true;
    cancel.Cancel();
});

var work = options.WorkDirectory is { } kept ? Directory.CreateDirectory(kept).FullName : Directory.CreateTempSubdirectory("vtis-engine-bench-").FullName;
try
{
    await BenchRun.RunAsync(options, work, cancel.Token);
    return 0;
}
catch (OperationCanceledException) when (cancel.IsCancellationRequested)
{
    Console.Error.WriteLine("Cancelled.");
    return 130;
}
catch (Exception e)
{
    // Missing tools, fonts or models and failed ffmpeg commands explain themselves; anything else is a bug here.
    Console.Error.WriteLine($"The bench failed: {(e is FileNotFoundException or InvalidOperationException ? e.Message : e.ToString())}");
    return 1;
}
finally
{
    if (options.WorkDirectory is null) Directory.Delete(work, recursive: true);
}
