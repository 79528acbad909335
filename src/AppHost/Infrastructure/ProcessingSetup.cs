using Vtis.GhostCut;
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

        return services;
    }
}
