using Microsoft.Extensions.Options;
using Stripe;
using Vtis.ServiceInterface.Billing;

namespace Vtis.AppHost.Infrastructure;

/// <summary>Billing, chosen once here: Stripe when <c>Stripe:SecretKey</c> is set, otherwise a gateway that answers
/// every billing call with 503 (everything else works).</summary>
public static class BillingSetup
{
    public const string StripeHttpClient = "stripe";

    public static IServiceCollection AddAppBilling(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<StripeOptions>().BindConfiguration(StripeOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<BillingOptions>().BindConfiguration(BillingOptions.Section).ValidateDataAnnotations().ValidateOnStart();

        var stripe = configuration.GetSection(StripeOptions.Section).Get<StripeOptions>() ?? new StripeOptions();
        if (!stripe.Enabled)
        {
            services.AddSingleton<IPaymentGateway, DisabledGateway>();
            return services;
        }

        services.AddHttpClient(StripeHttpClient, c => c.Timeout = TimeSpan.FromSeconds(30));
        services.AddSingleton<IStripeClient>(sp =>
        {
            var options = sp.GetRequiredService<IOptions<StripeOptions>>().Value;
            // Stripe.net retries connection errors and 5xx itself, with an idempotency key on every POST.
            var http = new SystemNetHttpClient(sp.GetRequiredService<IHttpClientFactory>().CreateClient(StripeHttpClient),
                maxNetworkRetries: 2, appInfo: null, enableTelemetry: false);
            return new StripeClient(options.SecretKey, httpClient: http,
                apiBase: string.IsNullOrWhiteSpace(options.ApiBase) ? null : options.ApiBase.TrimEnd('/'));
        });
        services.AddSingleton<IPaymentGateway, StripeGateway>();
        return services;
    }

    private sealed class DisabledGateway : IPaymentGateway
    {
        public Task<string> CreateCustomerAsync(Guid accountId, string email, string name, CancellationToken ct) => throw BillingProblems.Disabled();

        public Task<(string Id, string Url)> CreateCheckoutAsync(CheckoutRequest request, CancellationToken ct) => throw BillingProblems.Disabled();

        public Task<string> CreatePortalAsync(string customerId, string returnUrl, CancellationToken ct) => throw BillingProblems.Disabled();
    }
}
