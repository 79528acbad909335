using System.Globalization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Vtis.GhostCut;

namespace Vtis.GhostCutTests.Support;

/// <summary>The GhostCut client as the app gets it: configuration, <c>AddGhostCutClient</c>, DI container.</summary>
internal sealed class ClientHost : IDisposable
{
    private readonly ServiceProvider _services;

    private ClientHost(ServiceProvider services) => _services = services;

    public IGhostCutClient Client => _services.GetRequiredService<IGhostCutClient>();

    public static ClientHost For(
        string apiUrl, string? appSecret = "test-secret", string appKey = "test-key", TimeSpan? timeout = null,
        string? uid = null, Action<IHttpClientBuilder>? configure = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["GhostCut:ApiUrl"] = apiUrl,
            ["GhostCut:ApiKey"] = appKey,
            ["GhostCut:AppSecret"] = appSecret,
            ["GhostCut:Uid"] = uid,
            ["GhostCut:Timeout"] = (timeout ?? TimeSpan.FromSeconds(10)).ToString("c", CultureInfo.InvariantCulture),
            ["GhostCut:TotalTimeout"] = "00:00:30",
            ["GhostCut:MaxRetryAttempts"] = "3",
            ["GhostCut:RetryDelay"] = "00:00:00.050",
        };
        var services = new ServiceCollection();
        var client = services.AddGhostCutClient(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
        configure?.Invoke(client);
        return new ClientHost(services.BuildServiceProvider(validateScopes: true));
    }

    public void Dispose() => _services.Dispose();
}
