using System.Diagnostics;
using System.Globalization;

namespace Vtis.ComposeTests;

/// <summary>A container of the stack, as <c>docker inspect</c> reports it.</summary>
public sealed record Container(string Name, string Status, string Health, int ExitCode, string Ip)
{
    /// <summary>The replica's own address on the compose network (the host reaches it through the bridge).</summary>
    public Uri Url => new($"http://{Ip}:8080/");
}

/// <summary>The docker-compose.yml stack that scripts/compose-test.sh started: where its proxy is, and its containers
/// through the docker CLI (the engine <c>DOCKER_HOST</c> names).</summary>
public static class Stack
{
    /// <summary>The proxy, the stack's one public entry (APP_PORT on the host).</summary>
    public static Uri ProxyUrl => new(Required("TEST_COMPOSE_URL"));

    /// <summary>The compose project name; its containers carry it in the label com.docker.compose.project.</summary>
    public static string Project => Required("TEST_COMPOSE_PROJECT");

    public static async Task<IReadOnlyList<Container>> ContainersAsync(string service)
    {
        var names = await DockerAsync("ps", "-a", "--filter", $"label=com.docker.compose.project={Project}",
            "--filter", $"label=com.docker.compose.service={service}", "--format", "{{.Names}}");
        var containers = new List<Container>();
        foreach (var name in names.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Order(StringComparer.Ordinal))
            containers.Add(await InspectAsync(name));
        return containers;
    }

    public static async Task<Container> InspectAsync(string name)
    {
        var line = await DockerAsync("inspect", "--format",
            "{{.State.Status}}|{{if .State.Health}}{{.State.Health.Status}}{{end}}|{{.State.ExitCode}}|{{range .NetworkSettings.Networks}}{{.IPAddress}}{{end}}", name);
        var parts = line.Trim().Split('|');
        return new Container(name, parts[0], parts[1], int.Parse(parts[2], CultureInfo.InvariantCulture), parts[3]);
    }

    /// <summary>Waits until the container reports healthy; fails the test after <paramref name="seconds"/>.</summary>
    public static async Task<Container> WaitHealthyAsync(string name, int seconds = 120)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        Container container;
        do
        {
            container = await InspectAsync(name);
            if (container.Health == "healthy") return container;
            await Task.Delay(1000);
        }
        while (DateTime.UtcNow < deadline);
        Assert.Fail($"{name} is not healthy after {seconds} s: {container}");
        return container;
    }

    /// <summary>Runs the docker CLI; fails the test when it fails.</summary>
    public static async Task<string> DockerAsync(params string[] arguments)
    {
        var start = new ProcessStartInfo("docker") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.That(process.ExitCode, Is.Zero, $"docker {string.Join(' ', arguments)}: {await errors}");
        return await output;
    }

    private static string Required(string name) =>
        Environment.GetEnvironmentVariable(name) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException($"{name} is not set: these tests run against the compose stack that scripts/compose-test.sh starts.");
}
