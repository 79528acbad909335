using Microsoft.Extensions.Options;
using Vtis.Engine;
using Vtis.GhostCut;
using Vtis.ServiceInterface.LocalJobs;
using Vtis.ServiceInterface.GhostCutJobs;
using Vtis.ServiceInterface.Jobs.Processing;
using Vtis.ServiceInterface.Storage;

namespace Vtis.AppHost.Infrastructure;

/// <summary>Storage and processors, chosen once here from configuration; feature code never branches on them.</summary>
public static class ProcessingSetup
{
    public static IServiceCollection AddAppProcessing(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddBlobStorage(configuration);
        services.AddOptions<PublicUrlOptions>().BindConfiguration(AppOptions.Section);

        var ghostCut = configuration.GetSection(GhostCutOptions.SectionName).Get<GhostCutOptions>() ?? new GhostCutOptions();
        if (!string.IsNullOrEmpty(ghostCut.ApiKey) && !string.IsNullOrEmpty(ghostCut.AppSecret))
        {
            services.AddGhostCutClient(configuration);
            services.AddScoped<IJobProcessor, GhostCutProcessor>();
        }

        // The built-in engine is always there: the embedded default processes jobs with no account and no network.
        services.AddOptions<EngineOptions>().BindConfiguration(EngineOptions.Section);
        services.AddSingleton(sp => new TextRemovalEngine(sp.GetRequiredService<IOptions<EngineOptions>>().Value));
        services.AddScoped<IJobProcessor, LocalEngineProcessor>();

        return services;
    }
}
