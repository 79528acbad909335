using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using Scalar.AspNetCore;
using Vtis.AppHost.Operations;
using Vtis.ServiceInterface.ApiKeys;

namespace Vtis.AppHost.Infrastructure;

/// <summary>The OpenAPI 3.1 document at <c>/openapi/v1.json</c> and the offline API explorer at <c>/api</c>.</summary>
public static partial class OpenApiSetup
{
    private const string Bearer = "Bearer";
    private const string ApiKey = "ApiKey";

    public static IServiceCollection AddAppOpenApi(this IServiceCollection services) =>
        services.AddOpenApi("v1", o =>
        {
            o.OpenApiVersion = OpenApiSpecVersion.OpenApi3_1;
            o.AddDocumentTransformer((document, _, _) =>
            {
                document.Info = new OpenApiInfo
                {
                    Title = "Video Text Inpainting Service",
                    Version = "v1",
                    Description = "Removes burned-in text and subtitles from videos. Authenticate with a JWT from " +
                                  "/api/v1/auth/login or with an API key (X-Api-Key or Authorization: Bearer vtis_…).",
                };
                document.Components ??= new OpenApiComponents();
                document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
                document.Components.SecuritySchemes[Bearer] = new OpenApiSecurityScheme
                {
                    Type = SecuritySchemeType.Http,
                    Scheme = "bearer",
                    BearerFormat = "JWT or API key",
                    Description = "An access token from login/refresh, or an API key.",
                };
                document.Components.SecuritySchemes[ApiKey] = new OpenApiSecurityScheme
                {
                    Type = SecuritySchemeType.ApiKey,
                    In = ParameterLocation.Header,
                    Name = ApiKeyAuthenticationHandler.HeaderName,
                    Description = "An API key created at /api/v1/api-keys.",
                };
                return Task.CompletedTask;
            });
            // The API writes numbers as numbers; that it also reads quoted ones (web defaults) is leniency, not a type:
            // without this every integer is "integer | string" to generated clients.
            o.AddSchemaTransformer((schema, _, _) =>
            {
                if (schema.Type is { } type && (type.HasFlag(JsonSchemaType.Integer) || type.HasFlag(JsonSchemaType.Number)) && type.HasFlag(JsonSchemaType.String))
                {
                    schema.Type = type & ~JsonSchemaType.String;
                    schema.Pattern = null;
                }
                return Task.CompletedTask;
            });
            o.AddOperationTransformer((operation, context, _) =>
            {
                var op = context.Description.ActionDescriptor.EndpointMetadata.OfType<Operation>().FirstOrDefault();
                // Query parameters bind case-insensitively; document them in the JSON casing the clients use.
                foreach (var parameter in (operation.Parameters ?? []).OfType<OpenApiParameter>().Where(p => p.In == ParameterLocation.Query))
                    parameter.Name = System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(parameter.Name!);
                if (op is not null) AddRouteParameters(operation, op);
                if (op is null || op.Anonymous) return Task.CompletedTask;
                operation.Security ??= [];
                operation.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(Bearer, context.Document)] = [] });
                if (op.SignedInOnly)
                    operation.Description = $"{operation.Description} Needs a signed-in session: API keys are refused.".Trim();
                else
                    operation.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(ApiKey, context.Document)] = [] });
                if (op.Roles.Count > 0)
                    operation.Description = $"{operation.Description} Requires role: {string.Join(" or ", op.Roles)}.".Trim();
                return Task.CompletedTask;
            });
        });

    /// <summary>Body operations bind their route values into the DTO too (<c>POST /jobs/{id}/cancel</c>), which the
    /// framework does not see as parameters; without this a generated client has no way to fill the path.</summary>
    private static void AddRouteParameters(OpenApiOperation operation, Operation op)
    {
        foreach (System.Text.RegularExpressions.Match match in RouteToken().Matches(op.Path))
        {
            var name = match.Groups[1].Value;
            operation.Parameters ??= [];
            if (operation.Parameters.Any(p => p.In == ParameterLocation.Path && string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase)))
                continue;
            var property = op.RequestType.GetProperty(name, System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Instance | System.Reflection.BindingFlags.IgnoreCase);
            var type = Nullable.GetUnderlyingType(property?.PropertyType ?? typeof(string)) ?? property?.PropertyType ?? typeof(string);
            var schema = type == typeof(Guid) ? new OpenApiSchema { Type = JsonSchemaType.String, Format = "uuid" }
                : type == typeof(int) || type == typeof(long) ? new OpenApiSchema { Type = JsonSchemaType.Integer, Format = type == typeof(int) ? "int32" : "int64" }
                : new OpenApiSchema { Type = JsonSchemaType.String };
            operation.Parameters.Add(new OpenApiParameter { Name = name, In = ParameterLocation.Path, Required = true, Schema = schema });
        }
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"\{([A-Za-z0-9_]+)(?::[^}]*)?\}")]
    private static partial System.Text.RegularExpressions.Regex RouteToken();

    public static IEndpointRouteBuilder MapApiExplorer(this IEndpointRouteBuilder app)
    {
        app.MapOpenApi("/openapi/{documentName}.json").AllowAnonymous();
        // Scalar ships its script inside the package. Everything that would reach another host is off:
        // CDN fonts, telemetry, the hosted AI agent and MCP, and the developer-tools bar that links to scalar.com.
        app.MapScalarApiReference("/api", o => o
                .WithTitle("Video Text Inpainting Service API")
                .WithOpenApiRoutePattern("/openapi/{documentName}.json")
                .DisableDefaultFonts()
                .DisableTelemetry()
                .DisableAgent()
                .DisableMcp()
                .HideDeveloperTools()
                .EnablePersistentAuthentication()
                .AddPreferredSecuritySchemes(Bearer))
            .AllowAnonymous();
        return app;
    }

    /// <summary>The explorer's route is <c>/api/{documentName?}</c>; any name but our document (or one of its assets)
    /// falls through to the /api 404 instead of rendering an explorer for a document that does not exist.</summary>
    public static IApplicationBuilder UseApiExplorerGuard(this IApplicationBuilder app) => app.Use((http, next) =>
    {
        if (http.GetEndpoint() is RouteEndpoint { RoutePattern.RawText: ExplorerPattern } &&
            http.Request.RouteValues.TryGetValue("documentName", out var value) &&
            value is string name && name.Length > 0 && name != "v1" && !name.Contains('.', StringComparison.Ordinal))
        {
            http.SetEndpoint(null);
            http.Response.StatusCode = StatusCodes.Status404NotFound;
            return Task.CompletedTask;
        }

        return next(http);
    });

    private const string ExplorerPattern = "/api/{documentName?}";
}
