namespace Vtis.TestSupport;

/// <summary>
/// Standalone GhostCut simulator, e.g. for running the app by hand without a GhostCut account:
/// <c>dotnet run --project tests/TestSupport -- --urls http://127.0.0.1:5900 --app-key k --app-secret s [--engine]</c>
/// (<c>--engine</c>: results made by the real local engine instead of boxes drawn over the text).
/// A named class (not top-level statements) so test projects that also host the app's Program can reference it.
/// </summary>
public static class SimulatorProgram
{
    public static async Task Main(string[] args)
    {
        var arguments = new ConfigurationBuilder().AddCommandLine(args).Build();
        var defaults = new GhostCutSimulatorOptions();
        var options = new GhostCutSimulatorOptions
        {
            Url = arguments["urls"] ?? "http://127.0.0.1:5900",
            AppKey = arguments["app-key"] ?? defaults.AppKey,
            AppSecret = arguments["app-secret"] ?? defaults.AppSecret,
            UseEngine = args.Contains("--engine"),
        };

        await using var simulator = await GhostCutSimulator.StartAsync(options);
        Console.WriteLine($"GhostCut simulator on {simulator.BaseUrl} (AppKey {options.AppKey}); Ctrl+C stops it.");
        await simulator.WaitForShutdownAsync();
    }
}
