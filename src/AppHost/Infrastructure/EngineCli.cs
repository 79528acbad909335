using Vtis.Engine;

namespace Vtis.AppHost.Infrastructure;

/// <summary>The <c>process</c> command: engine settings from the same configuration as the server
/// (appsettings.json, then <c>Engine__*</c> environment variables), Ctrl+C cancels cleanly.</summary>
public static class EngineCli
{
    public static async Task<int> RunAsync(string[] args)
    {
        var configuration = new ConfigurationBuilder()
            .SetBasePath(AppContext.BaseDirectory)
            .AddJsonFile("appsettings.json", optional: true)
            .AddEnvironmentVariables()
            .Build();
        var options = configuration.GetSection(EngineOptions.Section).Get<EngineOptions>() ?? new EngineOptions();

        using var interrupt = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            interrupt.Cancel();
        };
        return await ProcessCommand.RunAsync(args, options, Console.Out, Console.Error, interrupt.Token);
    }
}
