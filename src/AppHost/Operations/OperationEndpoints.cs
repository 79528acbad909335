using System.Reflection;
using Microsoft.AspNetCore.Mvc;
using Vtis.ServiceInterface;
using Vtis.ServiceInterface.Common;
using Vtis.ServiceModel;
using Vtis.ServiceModel.Jobs;

namespace Vtis.AppHost.Operations;

/// <summary>
/// Maps every request DTO to an endpoint: route, verb, auth, rate limit, OpenAPI metadata and validation all come
/// from the DTO's declaration; the work is done by its <see cref="IHandle{TRequest,TResponse}"/>.
/// Adding an operation means adding a DTO and its handler, nothing else.
/// </summary>
public static class OperationEndpoints
{
    public static IEndpointRouteBuilder MapOperations(this IEndpointRouteBuilder app)
    {
        var handlers = ServiceInterfaceRegistration.HandlerTypes()
            .SelectMany(t => t.GetInterfaces()).Where(ServiceInterfaceRegistration.IsHandlerInterface).ToHashSet();

        foreach (var op in OperationCatalog.Discover(ServiceInterfaceRegistration.ContractAssembly))
        {
            var handler = typeof(IHandle<,>).MakeGenericType(op.RequestType, op.ResponseType);
            if (!handlers.Contains(handler))
                throw new InvalidOperationException($"Operation {op.Name} has no handler: implement IHandle<{op.Name}, {op.ResponseType.Name}>.");

            var binder = op.IsFileUpload ? nameof(MapFileUpload) : op.HasBody ? nameof(MapWithBody) : nameof(MapWithParameters);
            var map = typeof(OperationEndpoints).GetMethod(binder, BindingFlags.NonPublic | BindingFlags.Static)!
                .MakeGenericMethod(op.RequestType, op.ResponseType);
            var endpoint = (RouteHandlerBuilder)map.Invoke(null, [app, op])!;
            Describe(endpoint, op);
        }

        return app;
    }

    private static RouteHandlerBuilder MapWithBody<TRequest, TResponse>(IEndpointRouteBuilder app, Operation op)
        where TRequest : class, IReturn<TResponse>, new() =>
        app.MapMethods(op.Path, [op.Verb],
            ([FromBody(EmptyBodyBehavior = Microsoft.AspNetCore.Mvc.ModelBinding.EmptyBodyBehavior.Allow)] TRequest request, HttpContext http) =>
                Invoke<TRequest, TResponse>(request ?? new TRequest(), op, http));

    // The handler streams the multipart body itself; nothing is bound (or buffered) before it runs.
    private static RouteHandlerBuilder MapFileUpload<TRequest, TResponse>(IEndpointRouteBuilder app, Operation op)
        where TRequest : class, IReturn<TResponse>, new() =>
        app.MapMethods(op.Path, [op.Verb], (Delegate)((HttpContext http) => Invoke<TRequest, TResponse>(new TRequest(), op, http)))
            .Accepts<UploadForm>("multipart/form-data");

    private static RouteHandlerBuilder MapWithParameters<TRequest, TResponse>(IEndpointRouteBuilder app, Operation op)
        where TRequest : class, IReturn<TResponse>, new() =>
        app.MapMethods(op.Path, [op.Verb],
            ([AsParameters] TRequest request, HttpContext http) => Invoke<TRequest, TResponse>(request, op, http));

    private static async Task<IResult> Invoke<TRequest, TResponse>(TRequest request, Operation op, HttpContext http)
        where TRequest : class, IReturn<TResponse>
    {
        if (op.SignedInOnly && http.User.FindFirst(AppClaims.AuthMethod)?.Value != "jwt")
            throw new ProblemException(StatusCodes.Status403Forbidden, "signed-in-session-required", "A signed-in session is required",
                "API keys cannot manage API keys or webhook secrets: sign in with the account's e-mail and password and use the access token it gives.");
        if (op.HasBody) RouteValueBinder.Apply(request, http.Request.RouteValues);

        // File uploads validate after reading their form fields (inside the handler).
        var errors = op.IsFileUpload ? [] : DtoValidator.Validate(request);
        if (errors.Count > 0) throw new ProblemException(StatusCodes.Status400BadRequest, "validation", "One or more fields are invalid.") { Errors = errors };

        var handler = http.RequestServices.GetRequiredService<IHandle<TRequest, TResponse>>();
        var response = await handler.Handle(request, http.RequestAborted);
        if (op.SuccessStatus == StatusCodes.Status204NoContent) return TypedResults.NoContent();
        if (op.SuccessStatus == StatusCodes.Status302Found && request is IOptionalRedirect { Redirect: false })
            return TypedResults.Json(response, statusCode: StatusCodes.Status200OK);
        if (op.SuccessStatus == StatusCodes.Status302Found && response is DownloadLink link)
            http.Response.Headers.Location = link.Url; // browsers follow; API clients may read the same link from the body
        return TypedResults.Json(response, statusCode: op.SuccessStatus);
    }

    private static void Describe(RouteHandlerBuilder endpoint, Operation op)
    {
        endpoint.WithName(op.Name).WithTags(op.Tag).WithMetadata(op);
        if (XmlDocs.SummaryOf(op.RequestType) is { } summary) endpoint.WithSummary(summary);
        endpoint.Produces(op.SuccessStatus, op.ReturnsNothing ? null : op.ResponseType);
        if (typeof(IOptionalRedirect).IsAssignableFrom(op.RequestType)) endpoint.Produces(StatusCodes.Status200OK, op.ResponseType);
        endpoint.ProducesValidationProblem();
        endpoint.ProducesProblem(StatusCodes.Status500InternalServerError);
        if (op.HasBody) endpoint.ProducesProblem(StatusCodes.Status413PayloadTooLarge);
        if (op.IsFileUpload)
        {
            endpoint.ProducesProblem(StatusCodes.Status415UnsupportedMediaType);
            endpoint.ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        }
        if (op.Path.Contains('{', StringComparison.Ordinal)) endpoint.ProducesProblem(StatusCodes.Status404NotFound);
        if (op.RateLimitPolicy is { } policy)
        {
            endpoint.RequireRateLimiting(policy);
            endpoint.ProducesProblem(StatusCodes.Status429TooManyRequests);
        }

        if (op.Anonymous)
        {
            endpoint.AllowAnonymous();
            return;
        }

        endpoint.ProducesProblem(StatusCodes.Status401Unauthorized);
        if (op.SignedInOnly) endpoint.ProducesProblem(StatusCodes.Status403Forbidden);
        if (op.Roles.Count > 0)
        {
            endpoint.RequireAuthorization(p => p.RequireAuthenticatedUser().RequireRole(op.Roles));
            endpoint.ProducesProblem(StatusCodes.Status403Forbidden);
        }
        else
        {
            endpoint.RequireAuthorization();
        }
    }

    /// <summary>Documents a file upload's form in OpenAPI: the video and the DTO's fields (JSON where complex).</summary>
    private sealed class UploadForm
    {
        public IFormFile File { get; set; } = null!;

        public string? Config { get; set; }

        public string? DisplayName { get; set; }
    }
}
