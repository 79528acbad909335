using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Reflection;

namespace Vtis.Bench;

/// <summary>
/// The real app as a separate process (<c>dotnet Vtis.AppHost.dll</c>) on a free loopback port, with its data in a
/// folder the caller owns. Disposing kills it, with any ffprobe it started. With <c>BENCH_APP_LOG</c> set to a file
/// path, every line the app writes is copied there (to read the entries the report only counts).
/// </summary>
internal sealed class AppProcess : IAsyncDisposable
{
    private const int KeptLogLines = 30;
    private const int MaxEntryKinds = 100;
    private readonly Process _process;
    private readonly Queue<string> _lastLines = new();
    private readonly Dictionary<string, int> _entryKinds = [];
    private readonly Lock _gate = new();
    private string? _entryHeader;
    private int _warnings;
    private int _killed;
    private readonly StreamWriter? _copy = Environment.GetEnvironmentVariable("BENCH_APP_LOG") is { Length: > 0 } path
        ? new StreamWriter(path, append: false) { AutoFlush = true }
        : null;

    private AppProcess(Process process, Uri baseUrl)
    {
        _process = process;
        BaseUrl = baseUrl;
        process.OutputDataReceived += (_, e) => Keep(e.Data);
        process.ErrorDataReceived += (_, e) => Keep(e.Data);
    }

    public Uri BaseUrl { get; }

    public int Pid => _process.Id;

    /// <summary>Console lines the app wrote at warning level or above (its log level is Warning).</summary>
    public int WarningLines => Volatile.Read(ref _warnings);

    /// <summary>Where the bench build put the app (embedded at build time from the AppHost project reference).</summary>
    public static string DllPath =>
        typeof(AppProcess).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().FirstOrDefault(a => a.Key == "AppHostDll")?.Value
        ?? throw new InvalidOperationException("The bench was built without the AppHost path; rebuild bench/Bench.");

    /// <param name="dataDirectory">The app's <c>App__DataDirectory</c> (and working directory).</param>
    /// <param name="settings">Environment settings (<c>Section__Key</c>) on top of the URLs and the data directory.</param>
    /// <param name="ct">Cancels the wait for readiness (the process is then killed).</param>
    public static async Task<AppProcess> StartAsync(string dataDirectory, IReadOnlyDictionary<string, string> settings, CancellationToken ct)
    {
        var dll = DllPath;
        if (!File.Exists(dll)) throw new FileNotFoundException($"{dll} is missing; build with: dotnet build bench/Bench -c Release", dll);

        var port = FreePort();
        var baseUrl = new Uri($"http://127.0.0.1:{port}/");
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = dataDirectory,
        };
        start.ArgumentList.Add(dll);
        start.Environment["ASPNETCORE_URLS"] = baseUrl.ToString().TrimEnd('/');
        start.Environment["App__PublicBaseUrl"] = baseUrl.ToString();
        start.Environment["App__DataDirectory"] = dataDirectory;
        foreach (var (key, value) in settings) start.Environment[key] = value;

        var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start.");
        var app = new AppProcess(process, baseUrl);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await app.WaitUntilReadyAsync(TimeSpan.FromSeconds(90), ct);
            return app;
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }
    }

    /// <summary>The app's resident set size from <c>/proc/&lt;pid&gt;/status</c> (VmRSS), or null once it has exited.</summary>
    public long? ReadRssBytes()
    {
        try
        {
            foreach (var line in File.ReadLines($"/proc/{Pid}/status"))
            {
                if (!line.StartsWith("VmRSS:", StringComparison.Ordinal)) continue;
                var kib = line["VmRSS:".Length..].Trim().Split(' ')[0];
                return long.Parse(kib, CultureInfo.InvariantCulture) * 1024;
            }
        }
        catch (IOException)
        {
            // the process is gone
        }

        return null;
    }

    /// <summary>The last lines the app wrote, for error reports.</summary>
    public IReadOnlyList<string> LastLines()
    {
        lock (_gate) return [.. _lastLines];
    }

    /// <summary>Warning and error entries by kind (level, category and the message's first line), most frequent first.</summary>
    public IReadOnlyList<(string Kind, int Count)> WarningKinds()
    {
        lock (_gate)
        {
            if (_entryHeader is not null) Count(_entryHeader);
            _entryHeader = null;
            return [.. _entryKinds.OrderByDescending(k => k.Value).Select(k => (k.Key, k.Value))];
        }
    }

    /// <summary>Kills the app and everything it started; safe to call from any thread, more than once.</summary>
    public void Kill()
    {
        if (Interlocked.Exchange(ref _killed, 1) == 1) return;
        try
        {
            if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // already exited
        }
    }

    public async ValueTask DisposeAsync()
    {
        Kill();
        using (var wait = new CancellationTokenSource(TimeSpan.FromSeconds(10)))
        {
            try
            {
                await _process.WaitForExitAsync(wait.Token);
            }
            catch (OperationCanceledException)
            {
                Console.Error.WriteLine($"warning: the app (pid {Pid}) did not exit within 10 s of being killed.");
            }
        }

        _process.Dispose();
        lock (_gate) _copy?.Dispose();
    }

    private async Task WaitUntilReadyAsync(TimeSpan limit, CancellationToken ct)
    {
        using var http = new HttpClient { BaseAddress = BaseUrl, Timeout = TimeSpan.FromSeconds(5) };
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < limit)
        {
            if (_process.HasExited)
                throw new InvalidOperationException($"The app exited with code {_process.ExitCode} before it was ready:\n{string.Join('\n', LastLines())}");
            try
            {
                using var response = await http.GetAsync("health/ready", ct);
                if (response.StatusCode == HttpStatusCode.OK) return;
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }
            catch (TaskCanceledException) when (!ct.IsCancellationRequested)
            {
                // a slow answer while it starts
            }

            await Task.Delay(200, ct);
        }

        throw new TimeoutException($"The app was not ready within {limit.TotalSeconds:0} s:\n{string.Join('\n', LastLines())}");
    }

    /// <summary>The console logger writes "warn: Category[id]" and then the message on indented lines.</summary>
    private void Keep(string? line)
    {
        if (line is null) return;
        var isHeader = line.StartsWith("warn:", StringComparison.Ordinal) || line.StartsWith("fail:", StringComparison.Ordinal) ||
            line.StartsWith("crit:", StringComparison.Ordinal);
        if (isHeader) Interlocked.Increment(ref _warnings);
        lock (_gate)
        {
            _copy?.WriteLine(line);
            _lastLines.Enqueue(line);
            if (_lastLines.Count > KeptLogLines) _lastLines.Dequeue();
            if (_entryHeader is not null)
            {
                Count(isHeader ? _entryHeader : $"{_entryHeader} {line.Trim()}");
                _entryHeader = null;
            }

            if (isHeader) _entryHeader = line;
        }
    }

    private void Count(string kind)
    {
        if (kind.Length > 300) kind = kind[..300];
        if (_entryKinds.TryGetValue(kind, out var n)) _entryKinds[kind] = n + 1;
        else if (_entryKinds.Count < MaxEntryKinds) _entryKinds[kind] = 1;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
