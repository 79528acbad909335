using System.Globalization;

namespace Vtis.Bench;

/// <summary>Command-line settings: <c>--duration</c> seconds per load phase, <c>--concurrency</c> clients, one or a comma list (16 and
/// 64 when not given), <c>--upload-mib</c> for the memory phase, <c>--max-requests</c> per load phase,
/// <c>--rendered-works</c>: how many of the first GhostCut works the simulator renders with ffmpeg (default 0),
/// <c>--webhook-burst</c>: test webhooks sent at once to measure delivery rate (default 500), <c>--queue-burst</c>: jobs
/// submitted at once to measure queue pickups per second (default 300).</summary>
internal sealed record BenchOptions(
    TimeSpan Duration, IReadOnlyList<int> Concurrencies, int UploadMiB, int MaxRequests, int QueueProbeJobs, int RenderedWorks, int WebhookBurst,
    int QueueBurstJobs, int EndToEndJobs)
{
    public const string Usage =
        "usage: dotnet run -c Release --project bench/Bench -- [--duration 10] [--concurrency 50,200] [--upload-mib 1024] [--max-requests 200000] [--rendered-works 0] [--webhook-burst 500] [--queue-burst 300]";

    public static BenchOptions Parse(IReadOnlyList<string> args)
    {
        var duration = 10;
        List<int>? concurrency = null;
        var uploadMiB = 1024;
        var queueBurst = 300;
        var maxRequests = 200_000;
        var renderedWorks = 0;
        var webhookBurst = 500;
        for (var i = 0; i < args.Count; i++)
        {
            var value = i + 1 < args.Count ? args[i + 1] : null;
            switch (args[i])
            {
                case "--duration": duration = Number(args[i], value, min: 1); break;
                case "--concurrency": concurrency = [.. (value ?? "").Split(',').Select(v => Number(args[i], v, min: 1))]; break;
                case "--upload-mib": uploadMiB = Number(args[i], value, min: 1); break;
                case "--queue-burst": queueBurst = Number(args[i], value, min: 1); break;
                case "--max-requests": maxRequests = Number(args[i], value, min: 1); break;
                case "--rendered-works": renderedWorks = Number(args[i], value, min: 0); break;
                case "--webhook-burst": webhookBurst = Number(args[i], value, min: 1); break;
                default: throw new ArgumentException($"Unknown argument '{args[i]}'.");
            }

            i++;
        }

        return new BenchOptions(TimeSpan.FromSeconds(duration), concurrency ?? [16, 64], uploadMiB, maxRequests,
            QueueProbeJobs: 50, RenderedWorks: renderedWorks, WebhookBurst: webhookBurst,
            QueueBurstJobs: queueBurst, EndToEndJobs: 20);
    }

    private static int Number(string name, string? value, int min) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number >= min
            ? number
            : throw new ArgumentException($"{name} needs a whole number of at least {min}.");
}
