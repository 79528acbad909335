// Quality and speed benchmark of the local text-removal engine (the engine's acceptance figures):
//
//     dotnet run -c Release --project bench/EngineBench -- [--quick] [--work DIR] [--threads N]
//
// Renders clean clips (photographs of Debian's lomiri-wallpapers-20.04 filmed by a moving camera, ffmpeg test
// sources) and their twins with burned-in subtitles, runs the engine and the per-frame Telea baseline on them, and
// prints Markdown tables and PASS/FAIL targets. Needs ffmpeg, fonts-dejavu-core and the models in src/Engine/models.
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
