using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;

namespace Vtis.GhostCut;

/// <summary>Registers the GhostCut client.</summary>
public static class GhostCutServiceCollectionExtensions
{
    /// <summary>
    /// Binds <see cref="GhostCutOptions"/> from the <c>GhostCut</c> section and registers <see cref="IGhostCutClient"/>
    /// as a typed client whose handler pipeline is described on <c>GhostCutResilience</c>: total and per-attempt
    /// timeouts, circuit breaker, and retries for status queries only.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configuration">The configuration root holding the <c>GhostCut</c> section.</param>
    /// <returns>The client builder, to add handlers (e.g. in tests).</returns>
    public static IHttpClientBuilder AddGhostCutClient(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<GhostCutOptions>()
            .Bind(configuration.GetSection(GhostCutOptions.SectionName))
            .Validate(o => Uri.TryCreate(o.ApiUrl, UriKind.Absolute, out _), "GhostCut:ApiUrl must be an absolute URL.")
            .Validate(o => o.Timeout > TimeSpan.Zero && o.TotalTimeout >= o.Timeout,
                "GhostCut:Timeout must be positive and GhostCut:TotalTimeout at least as long.")
            .Validate(o => o.MaxRetryAttempts >= 0 && o.RetryDelay >= TimeSpan.Zero,
                "GhostCut:MaxRetryAttempts and GhostCut:RetryDelay must not be negative.")
            .ValidateOnStart();

        // The pipeline owns every time limit; HttpClient's own 100 s default would cut it short or mask it.
        var client = services.AddHttpClient<IGhostCutClient, GhostCutClient>(http => http.Timeout = Timeout.InfiniteTimeSpan);
        client.AddResilienceHandler("ghostcut", (pipeline, context) =>
        {
            context.EnableReloads<GhostCutOptions>();
            GhostCutResilience.Configure(pipeline, context.GetOptions<GhostCutOptions>());
        });
        return client;
    }
}
