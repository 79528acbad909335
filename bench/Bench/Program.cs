using System.Runtime.InteropServices;
using Vtis.Client;
using Vtis.GhostCut;
using Vtis.ServiceModel.Auth;
using Vtis.ServiceModel.Jobs;
using Vtis.ServiceModel.Uploads;
using Vtis.TestSupport;

namespace Vtis.Bench;

/// <summary>
/// Benchmarks the job pipeline on loopback: the real app in its own process, GhostCut simulated in this one.
/// Exit code 0 whatever the figures are; 1 when the bench itself broke, 2 for bad arguments, 130 when cancelled.
/// </summary>
internal static class Program
{
    /// <summary>The trivial endpoint whose RPS is the ceiling the others are compared with.</summary>
    public const string Ceiling = "health";

    private static readonly TimeSpan IdleWait = TimeSpan.FromSeconds(120);

    public static async Task<int> Main(string[] args)
    {
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

        var work = Directory.CreateTempSubdirectory("vtis-bench-").FullName;
        try
        {
            await RunAsync(options, work, cancel.Token);
            return 0;
        }
        catch (OperationCanceledException) when (cancel.IsCancellationRequested)
        {
            Console.Error.WriteLine("Cancelled; the app was stopped.");
            return 130;
        }
        catch (Exception e)
        {
            Console.Error.WriteLine($"The bench failed: {e}");
            return 1;
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    private static async Task RunAsync(BenchOptions options, string work, CancellationToken ct)
    {
        var data = Directory.CreateDirectory(Path.Combine(work, "data")).FullName;
        await using var simulator = await GhostCutSimulator.StartAsync(new GhostCutSimulatorOptions { AppKey = "test-key", AppSecret = "test-secret" }, ct);
        await using var backing = await BackingServices.FromEnvironmentAsync(data, ct);
        await using var app = await AppProcess.StartAsync(data, AppSettings(simulator, backing), ct);
        AppDomain.CurrentDomain.ProcessExit += (_, _) => app.Kill(); // killed without a chance to unwind

        Report.Heading("Setup");
        Report.Line($"machine      {Environment.ProcessorCount} cores, {RuntimeInformation.OSDescription}, .NET {Environment.Version}");
        Report.Line($"app          pid {app.Pid} at {app.BaseUrl} ({AppProcess.DllPath})");
        Report.Line($"backing      {backing.Description}");
        Report.Line($"GhostCut     simulator in the bench process at {simulator.BaseUrl}");
        Report.Line($"load         {options.Duration.TotalSeconds:0} s per phase (after 1 s warm-up), at most {options.MaxRequests} requests, " +
                    $"concurrency {string.Join(" and ", options.Concurrencies)}, one HttpClient pool; the load generator shares the machine's cores");

        using var http = VtisClient.NewHttpClient(app.BaseUrl);
        // Retries would hide errors and validation costs client CPU: measure the server.
        var client = new VtisClient(http) { MaxRetries = 0, ValidateBeforeSend = false };
        var tokens = await client.SendAsync(new Register { Email = $"bench-{Guid.NewGuid():N}@example.test", Password = "bench-password-1" }, ct);
        client.BearerToken = tokens.AccessToken;
        var video = await SampleVideo.MakeAsync(work, ct);
        UploadInfo upload;
        await using (var file = File.OpenRead(video))
            upload = await client.UploadAsync(new UploadVideo(), file, "sample.mp4", "video/mp4", ct);
        Report.Line($"sample       {upload.Size} bytes, {upload.Media?.Width}x{upload.Media?.Height}, {upload.Media?.DurationSeconds:0.#} s, upload {upload.Id}");
        // The same video again under another upload id: its works never call back (polling only). Rules match in order.
        UploadInfo pollOnly;
        await using (var file = File.OpenRead(video))
            pollOnly = await client.UploadAsync(new UploadVideo(), file, "poll-only.mp4", "video/mp4", ct);
        simulator.Behavior.ForUrlContaining(pollOnly.Id.ToString("N"),
            GhostCutWorkScenario.Fail(GhostCutFailures.ErasingFailed, "Not rendered by the bench.") with { NoCallback = true });
        RenderOnlyFirstWorks(simulator, options.RenderedWorks);

        // Every job's end (job.failed here: see below) goes to a webhook receiver in this process.
        var (receiver, hook, endpointId) = await WebhookProbe.RegisterAsync(client, ct);
        await using var receiverScope = receiver;

        Report.Heading($"Queue latency: {options.QueueProbeJobs} jobs submitted one at a time, each once the last one started");
        Report.Line("No other load; earlier jobs reach their end meanwhile (the simulator's works take 2.5 s, then call back).");
        var queue = await QueueLatencyProbe.RunAsync(client, upload.Id, options.QueueProbeJobs, ct);
        Report.Latency("submit -> processing (poll 20 ms)", queue.Observed);
        Report.Latency("server startedAt - createdAt", queue.ServerSide);
        if (queue.TimedOut > 0) Report.Line($"{queue.TimedOut} jobs were still queued after 30 s");
        await WaitForIdleAsync(client, "the probe's jobs", ct);

        Report.Heading("Outbound webhooks: the probe's job events, then a burst of test events (receiver in this process)");
        await Task.Delay(TimeSpan.FromSeconds(2), ct); // the last job events are on their way
        var webhooks = await WebhookProbe.MeasureAsync(client, receiver, hook, endpointId, options.WebhookBurst, ct);
        Report.Latency("job final state -> delivered", webhooks.AddedLatency);
        Report.Line($"burst        {webhooks.Burst} test events in {webhooks.BurstTime.TotalSeconds:0.00} s = {webhooks.DeliveriesPerSecond:0} deliveries/s " +
                    $"(16 concurrent POST .../test, each one outbox write, one queue message, one signed POST); {webhooks.Unverified} failed verification");
        await client.SendAsync(new Vtis.ServiceModel.Webhooks.DeleteWebhookEndpoint { Id = endpointId }, ct); // the load phases run without webhooks

        Report.Heading($"Queue throughput: {options.QueueBurstJobs} jobs submitted at once by 16 clients ({(backing.Settings.ContainsKey("ConnectionStrings__Redis") ? "Redis" : "in-process")} queue)");
        var burst = await QueueThroughputProbe.BurstAsync(client, upload.Id, options.QueueBurstJobs, clients: 16, IdleWait, ct);
        Report.Line($"submitted    {burst.Jobs} jobs in {burst.SubmitTime.TotalSeconds:0.00} s = {burst.SubmitsPerSecond:0} submits/s " +
                    "(each: balance check and reserve under the account lock, job row, queue message)");
        Report.Line($"picked up    {burst.Jobs - burst.LeftQueued} jobs in {burst.PickupSpan.TotalSeconds:0.00} s (first createdAt -> last startedAt) = " +
                    $"{burst.PickupsPerSecond:0} jobs/s by the worker's I/O queue workers (GhostCut jobs: Jobs:IoWorkerCount, default 20)");
        Report.Latency("createdAt -> startedAt", burst.Wait);
        if (burst.LeftQueued > 0) Report.Line($"{burst.LeftQueued} jobs were still queued after {IdleWait.TotalSeconds:0} s");
        await WaitForIdleAsync(client, "the burst's jobs", ct);

        Report.Heading($"End to end through the simulator: {options.EndToEndJobs} jobs at once, by callback and by polling only");
        Report.Line("GhostCut works take 2.5 s here. Polling follows the app's production defaults: first status poll 30 s after submit " +
                    "(Jobs:PollFirstSeconds), doubling, and the sweep that sends polls every 15 s (Jobs:SweepIntervalSeconds).");
        var byCallback = await QueueThroughputProbe.EndToEndAsync(client, upload.Id, options.EndToEndJobs, IdleWait, ct);
        Report.Latency("callback: createdAt -> final", byCallback.Latency);
        var byPolling = await QueueThroughputProbe.EndToEndAsync(client, pollOnly.Id, options.EndToEndJobs, IdleWait, ct);
        Report.Latency("polling only: createdAt -> final", byPolling.Latency);
        Report.Line($"ratio        polling only / callback at p50: {byPolling.Latency.P50Ms / byCallback.Latency.P50Ms:0.0}x");
        if (byCallback.Unfinished + byPolling.Unfinished > 0)
            Report.Line($"{byCallback.Unfinished} callback and {byPolling.Unfinished} polling-only jobs had not finished after {IdleWait.TotalSeconds:0} s");

        Report.Heading("Load");
        Report.Line("Submitted jobs run through the worker and the simulated GhostCut (signed create call, 0.5 s queued, 2 s processing, " +
                    "signed callback, final transition) while the phases run: realistic background load. " +
                    (options.RenderedWorks == 0
                        ? "The simulator renders no work with ffmpeg (--rendered-works N renders the first N): works end as GhostCut failures"
                        : $"The simulator renders the first {options.RenderedWorks} works with ffmpeg; later ones end as GhostCut failures") +
                    ", credits released, because one ffmpeg per job on these cores would measure the simulator, not the app.");
        var runner = new LoadRunner(options.MaxRequests);
        var results = new List<LoadResult>();
        var jobIds = queue.JobIds;
        foreach (var concurrency in options.Concurrencies)
        {
            results.Add(await runner.RunAsync(Ceiling, concurrency, options.Duration, async (_, c) =>
            {
                using var response = await http.GetAsync("health", c);
                response.EnsureSuccessStatusCode();
                await response.Content.LoadIntoBufferAsync(c);
            }, ct));
            results.Add(await runner.RunAsync("get", concurrency, options.Duration,
                (i, c) => client.SendAsync(new GetJob { Id = jobIds[i % jobIds.Count] }, c), ct));
            results.Add(await runner.RunAsync("list", concurrency, options.Duration,
                (_, c) => client.SendAsync(new ListJobs { PageSize = 20 }, c), ct));
            results.Add(await runner.RunAsync("submit", concurrency, options.Duration,
                (_, c) => client.SendAsync(new SubmitJob { UploadId = upload.Id }, c), ct));
            Report.Line($"... x{concurrency} done: {results[^1].Requests - results[^1].Errors} jobs submitted");

            // GhostCut repeats callbacks (it retries until answered, and may send one twice): replaying the probe's
            // accepted ones, signed as sent, loads the whole callback path (signature check, callback row, the
            // idempotent transition that finds the job already final).
            var callbacks = simulator.CallbackAttempts.Where(a => a.Accepted).ToList();
            if (callbacks.Count > 0)
                results.Add(await runner.RunAsync("callback (repeat)", concurrency, options.Duration, async (i, c) =>
                {
                    var sent = callbacks[i % callbacks.Count];
                    using var request = new HttpRequestMessage(HttpMethod.Post, sent.Url)
                    {
                        Content = new StringContent(sent.Body, System.Text.Encoding.UTF8, "application/json"),
                    };
                    request.Headers.TryAddWithoutValidation("Callback-Sign", sent.Signature);
                    using var response = await http.SendAsync(request, c);
                    response.EnsureSuccessStatusCode();
                    await response.Content.LoadIntoBufferAsync(c);
                }, ct));
            await WaitForIdleAsync(client, "the submitted jobs", ct);
        }

        Report.LoadTable(results);

        Report.Heading($"Upload memory: {options.UploadMiB} MiB streamed to POST /api/v1/uploads");
        var memory = await UploadMemoryProbe.RunAsync(app, tokens.AccessToken, options.UploadMiB * 1024L * 1024, ct);
        Report.Upload(memory);

        Report.Heading("App log");
        Report.Line($"{app.WarningLines} warning/error entries (log level Warning)");
        foreach (var (kind, count) in app.WarningKinds().Take(10)) Report.Line($"{count,7} x {kind}");
    }

    private static Dictionary<string, string> AppSettings(GhostCutSimulator simulator, BackingServices backing)
    {
        var settings = new Dictionary<string, string>
        {
            // The app caps sign-up credits at 1,000,000: more than the 2 x 200k submits a run can make (1 credit each).
            ["Accounts__SignupCredits"] = "1000000",
            ["RateLimits__AuthPermitLimit"] = "100000",
            ["Admin__Email"] = "ops@bench.test",
            ["Admin__Password"] = "bench-admin-password-1",
            ["Uploads__MaxBytes"] = (3L * 1024 * 1024 * 1024).ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["GhostCut__ApiUrl"] = simulator.BaseUrl,
            ["GhostCut__ApiKey"] = "test-key",
            ["GhostCut__AppSecret"] = "test-secret",
            ["Jwt__AccessTokenMinutes"] = "240", // one token for the whole run, however long
            ["Logging__LogLevel__Default"] = "Warning",
            ["Telemetry__LogFormat"] = "simple", // the warning count reads "warn:"/"fail:" lines, not JSON
            ["Webhooks__AllowedHosts__0"] = "127.0.0.1", // the bench's receiver
        };
        foreach (var (key, value) in backing.Settings) settings[key] = value;
        return settings;
    }

    /// <summary>Renders the first works for real; the rest fail without rendering, as GhostCut's can.</summary>
    private static void RenderOnlyFirstWorks(GhostCutSimulator simulator, int rendered)
    {
        for (var i = 0; i < rendered; i++) simulator.Behavior.ForNextWork(GhostCutWorkScenario.Normal);
        simulator.Behavior.ForUrlContaining("", GhostCutWorkScenario.Fail(GhostCutFailures.ErasingFailed, "Not rendered by the bench."));
    }

    private static async Task WaitForIdleAsync(VtisClient client, string what, CancellationToken ct)
    {
        var (waited, left) = await QueueLatencyProbe.WaitForIdleAsync(client, IdleWait, ct);
        Report.Line(left == 0
            ? $"... waited {waited.TotalSeconds:0.0} s for {what} to finish"
            : $"... {left} of {what} still queued or processing after {waited.TotalSeconds:0} s; going on");
    }
}
