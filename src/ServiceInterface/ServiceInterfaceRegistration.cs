using System.Reflection;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Vtis.ServiceInterface.Accounts;
using Vtis.ServiceInterface.Billing;
using Vtis.ServiceInterface.Common;
using Vtis.ServiceInterface.Credits;
using Vtis.ServiceInterface.Data;
using Vtis.ServiceInterface.GhostCutJobs;
using Vtis.ServiceInterface.Jobs;
using Vtis.ServiceInterface.Jobs.Processing;
using Vtis.ServiceInterface.Media;
using Vtis.ServiceInterface.Uploads;
using Vtis.ServiceInterface.Webhooks;

namespace Vtis.ServiceInterface;

public static class ServiceInterfaceRegistration
{
    /// <summary>Registers every operation handler (each closed <see cref="IHandle{TRequest,TResponse}"/>) and the
    /// feature services they use.</summary>
    public static IServiceCollection AddServiceInterface(this IServiceCollection services)
    {
        services.AddHttpContextAccessor();
        services.AddScoped<HttpCurrentUser>();
        services.AddScoped<ICurrentUser>(sp => sp.GetRequiredService<HttpCurrentUser>());
        services.AddScoped<ITenantContext>(sp => sp.GetRequiredService<HttpCurrentUser>());
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<IPasswordHasher<User>, PasswordHasher<User>>();
        services.AddScoped<TokenIssuer>();
        services.AddScoped<CreditLedger>();
        services.AddScoped<AdminSeeder>();
        services.AddSingleton<MediaProbe>();
        services.AddSingleton<PreviewFrames>();
        services.AddScoped<MultipartUpload>();
        services.AddScoped<UploadIngest>();
        services.AddScoped<SourceImport>();
        OutboundGuard.AddOutboundHttp(services);
        services.AddSingleton<JobPricing>();
        services.AddScoped<JobLifecycle>();
        services.AddScoped<JobSubmission>();
        services.AddScoped<JobReconciler>();
        services.AddScoped<ProcessorCatalog>();
        services.AddSingleton<JobRunner>();
        services.AddSingleton<RemoteJobSync>();
        services.AddSingleton<CallbackDispatch>();
        services.AddHostedService(sp => sp.GetRequiredService<CallbackDispatch>());
        services.AddScoped<GhostCutResults>();
        services.AddSingleton<GhostCutEndpoints>();
        services.AddHttpClient(GhostCutResults.ResultClient, c => c.Timeout = TimeSpan.FromMinutes(30));
        services.AddScoped<PurchaseLedger>();
        services.AddSingleton<StripeEventProcessor>();
        services.AddScoped<StripeInboxSweep>();
        services.AddSingleton<WebhookGuard>();
        services.AddSingleton<WebhookSecrets>();
        services.AddScoped<WebhookOutbox>();
        services.AddSingleton<WebhookSender>();
        services.AddScoped<WebhookSweep>();
        services.AddHttpClient(WebhookGuard.HttpClientName)
            .ConfigureHttpClient((sp, c) => c.Timeout = TimeSpan.FromSeconds(sp.GetRequiredService<IOptions<WebhookOptions>>().Value.TimeoutSeconds))
            .ConfigurePrimaryHttpMessageHandler(sp => OutboundGuard.GuardedHandler(sp.GetRequiredService<WebhookGuard>().ResolveAsync));

        foreach (var type in HandlerTypes())
            foreach (var contract in type.GetInterfaces().Where(IsHandlerInterface))
                services.AddScoped(contract, type);
        return services;
    }

    public static IEnumerable<Type> HandlerTypes() =>
        typeof(ServiceInterfaceRegistration).Assembly.GetTypes()
            .Where(t => t is { IsClass: true, IsAbstract: false } && t.GetInterfaces().Any(IsHandlerInterface));

    public static bool IsHandlerInterface(Type type) =>
        type.IsGenericType && type.GetGenericTypeDefinition() == typeof(IHandle<,>);

    public static Assembly ContractAssembly => typeof(ServiceModel.IReturnVoid).Assembly;
}
