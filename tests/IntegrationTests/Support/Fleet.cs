using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Vtis.IntegrationTests.Support;

/// <summary>Ports and processes for topology tests: everything on loopback, everything stopped by Dispose.</summary>
public static class Loopback
{
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public static async Task WaitUntilAsync(Func<Task<bool>> ready, TimeSpan timeout, string what)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                if (await ready()) return;
            }
            catch (Exception e) when (e is HttpRequestException or SocketException or TaskCanceledException or IOException)
            {
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"{what} was not ready in {timeout.TotalSeconds:0} s.");
    }

    /// <summary>SIGTERM, as an orchestrator stops a container.</summary>
    public static void Terminate(Process process)
    {
        using var kill = Process.Start(new ProcessStartInfo("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))!;
        kill.WaitForExit();
    }
}

/// <summary>A Redis server of the test's own (append-only file on, as in production) that can be restarted.</summary>
public sealed class RedisServer : IAsyncDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("vtis-redis-").FullName;
    private Process? _process;

    public int Port { get; } = Loopback.FreePort();

    public string ConnectionString => $"127.0.0.1:{Port}";

    public static async Task<RedisServer> StartAsync()
    {
        var server = new RedisServer();
        await server.StartProcessAsync();
        return server;
    }

    /// <summary>Stops the server (it writes its data, as a clean restart does) and starts it again on the same port.</summary>
    public async Task RestartAsync()
    {
        await StopAsync();
        await StartProcessAsync();
    }

    private async Task StartProcessAsync()
    {
        _process = Process.Start(new ProcessStartInfo("redis-server",
            ["--port", Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--dir", _dir,
             "--appendonly", "yes", "--save", "", "--protected-mode", "no"])
        { RedirectStandardOutput = true, RedirectStandardError = true })!;
        _process.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        await Loopback.WaitUntilAsync(async () =>
        {
            using var client = new TcpClient();
            await client.ConnectAsync(IPAddress.Loopback, Port);
            await using var stream = client.GetStream();
            await stream.WriteAsync("PING\r\n"u8.ToArray());
            var buffer = new byte[16];
            var read = await stream.ReadAsync(buffer);
            return System.Text.Encoding.ASCII.GetString(buffer, 0, read).StartsWith("+PONG", StringComparison.Ordinal);
        }, TimeSpan.FromSeconds(20), "redis-server");
    }

    private async Task StopAsync()
    {
        if (_process is null || _process.HasExited) return;
        Loopback.Terminate(_process); // SIGTERM: redis flushes the append-only file and exits
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        try
        {
            await _process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            _process.Kill();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _process?.Dispose();
        try
        {
            Directory.Delete(_dir, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}

/// <summary>One AppHost process (the built binary, as production runs it) with its role and settings.</summary>
public sealed class AppProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly System.Text.StringBuilder _output = new();

    private AppProcess(string name, Process process, Uri url)
    {
        Name = name;
        _process = process;
        Url = url;
    }

    public string Name { get; }

    public Uri Url { get; }

    public bool HasExited => _process.HasExited;

    /// <summary>Whether the process wrote <paramref name="text"/> anywhere in its output so far.</summary>
    public bool Wrote(string text)
    {
        lock (_output) return _output.ToString().Contains(text, StringComparison.Ordinal);
    }

    /// <summary>The last lines the process wrote (for failure messages).</summary>
    public string Tail
    {
        get
        {
            lock (_output) return _output.Length > 4000 ? _output.ToString(_output.Length - 4000, 4000) : _output.ToString();
        }
    }

    public static AppProcess Start(string name, string role, IReadOnlyDictionary<string, string?> settings)
    {
        var port = Loopback.FreePort();
        var binary = Path.Combine(AppContext.BaseDirectory, "Vtis.AppHost.dll");
        var start = new ProcessStartInfo("dotnet", [binary, "--role", role])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        foreach (var (key, value) in settings) start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        start.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}";
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Testing";
        var process = Process.Start(start)!;
        var app = new AppProcess(name, process, new Uri($"http://127.0.0.1:{port}/"));
        process.OutputDataReceived += (_, e) => app.Append(e.Data);
        process.ErrorDataReceived += (_, e) => app.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return app;
    }

    private void Append(string? line)
    {
        if (line is null) return;
        lock (_output) _output.AppendLine(line);
    }

    public Task WaitHealthyAsync(HttpClient http) => Loopback.WaitUntilAsync(async () =>
    {
        if (_process.HasExited) throw new InvalidOperationException($"{Name} exited with {_process.ExitCode}:\n{Tail}");
        using var response = await http.GetAsync(new Uri(Url, "health/ready"));
        return response.IsSuccessStatusCode;
    }, TimeSpan.FromSeconds(90), Name);

    /// <summary>SIGKILL: the process gets no chance to finish or hand anything back.</summary>
    public void Kill() => _process.Kill(entireProcessTree: true);

    /// <summary>SIGTERM and wait for the graceful exit.</summary>
    public async Task StopAsync(TimeSpan grace)
    {
        if (_process.HasExited) return;
        Loopback.Terminate(_process);
        using var timeout = new CancellationTokenSource(grace);
        try
        {
            await _process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            _process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{Name} did not stop within {grace.TotalSeconds:0} s of SIGTERM.");
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }
}

/// <summary>A load balancer on loopback: each request goes to the next live backend; a backend that refuses the
/// connection is skipped, as a balancer's health check would take it out.</summary>
public sealed class RoundRobinProxy : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly List<Uri> _backends;
    private readonly HttpClient _http = new(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false }) { Timeout = TimeSpan.FromSeconds(60) };
    private int _next;

    private RoundRobinProxy(WebApplication app, List<Uri> backends) => (_app, _backends) = (app, backends);

    public Uri Url { get; private set; } = null!;

    public static async Task<RoundRobinProxy> StartAsync(IEnumerable<Uri> backends, int port)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Limits.MaxRequestBodySize = null);
        var app = builder.Build();
        var proxy = new RoundRobinProxy(app, [.. backends]) { Url = new Uri($"http://127.0.0.1:{port}/") };
        app.Run(proxy.ForwardAsync);
        await app.StartAsync();
        return proxy;
    }

    private async Task ForwardAsync(HttpContext context)
    {
        using var body = new MemoryStream();
        await context.Request.Body.CopyToAsync(body);
        for (var tried = 0; tried < _backends.Count; tried++)
        {
            var backend = _backends[(int)((uint)Interlocked.Increment(ref _next) % _backends.Count)];
            using var request = new HttpRequestMessage(new HttpMethod(context.Request.Method),
                new Uri(backend, context.Request.Path.Value + context.Request.QueryString.Value));
            if (body.Length > 0 || context.Request.ContentLength is not null)
                request.Content = new ByteArrayContent(body.ToArray());
            foreach (var (name, values) in context.Request.Headers)
            {
                if (name is "Host" or "Transfer-Encoding" or "Connection") continue;
                if (!request.Headers.TryAddWithoutValidation(name, values.ToArray()))
                    request.Content?.Headers.TryAddWithoutValidation(name, values.ToArray());
            }

            HttpResponseMessage response;
            try
            {
                response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, context.RequestAborted);
            }
            catch (HttpRequestException)
            {
                continue; // connection refused: the replica is down, try the next one
            }

            using (response)
            {
                context.Response.StatusCode = (int)response.StatusCode;
                foreach (var (name, values) in response.Headers.Concat(response.Content.Headers))
                    if (name is not ("Transfer-Encoding" or "Connection")) context.Response.Headers[name] = values.ToArray();
                await response.Content.CopyToAsync(context.Response.Body);
                return;
            }
        }

        context.Response.StatusCode = StatusCodes.Status502BadGateway;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        _http.Dispose();
    }
}
