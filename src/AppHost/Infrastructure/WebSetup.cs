namespace Vtis.AppHost.Infrastructure;

public static class WebSetup
{
    /// <summary>The wire format the typed client expects: camelCase, enums as strings.</summary>
    public static IServiceCollection AddAppJson(this IServiceCollection services) =>
        services.ConfigureHttpJsonOptions(o => o.SerializerOptions.Converters.Add(new System.Text.Json.Serialization.JsonStringEnumConverter()));

    public static IServiceCollection AddAppCors(this IServiceCollection services, IConfiguration configuration)
    {
        var origins = configuration.GetSection(CorsOptions.Section).Get<CorsOptions>()?.Origins ?? [];
        return services.AddCors(o => o.AddDefaultPolicy(p =>
        {
            if (origins.Length > 0) p.WithOrigins(origins).AllowAnyHeader().AllowAnyMethod().WithExposedHeaders(RequestLogging.Header);
        }));
    }
}
