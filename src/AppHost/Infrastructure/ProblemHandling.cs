using System.Globalization;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Vtis.ServiceInterface.Common;

namespace Vtis.AppHost.Infrastructure;

/// <summary>Every error becomes RFC 7807 ProblemDetails with a stable <c>type</c>; stack traces never leave the server.</summary>
public static class ProblemHandling
{
    public static IServiceCollection AddAppProblemDetails(this IServiceCollection services)
    {
        services.AddProblemDetails(o => o.CustomizeProblemDetails = ctx =>
        {
            ctx.ProblemDetails.Instance ??= ctx.HttpContext.Request.Path;
            ctx.ProblemDetails.Extensions["correlationId"] = ctx.HttpContext.TraceIdentifier;
        });
        services.AddExceptionHandler<ProblemExceptionHandler>();
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        return services;
    }

    /// <summary>Empty error responses (unknown route, wrong verb or media type, auth challenges, oversize bodies)
    /// get a ProblemDetails body with our type for their status.</summary>
    public static IApplicationBuilder UseProblemStatusPages(this IApplicationBuilder app) =>
        app.UseStatusCodePages(ctx => ctx.HttpContext.RequestServices.GetRequiredService<IProblemDetailsService>()
            .WriteAsync(new ProblemDetailsContext
            {
                HttpContext = ctx.HttpContext,
                ProblemDetails = new ProblemDetails
                {
                    Status = ctx.HttpContext.Response.StatusCode,
                    Type = DefaultType(ctx.HttpContext.Response.StatusCode),
                },
            }).AsTask());

    public static string DefaultType(int? status) => status switch
    {
        400 => "/problems/bad-request",
        401 => "/problems/unauthenticated",
        403 => "/problems/forbidden",
        404 => "/problems/not-found",
        405 => "/problems/method-not-allowed",
        413 => "/problems/payload-too-large",
        415 => "/problems/unsupported-media-type",
        429 => "/problems/too-many-requests",
        _ => "/problems/server-error",
    };

    private sealed class ProblemExceptionHandler(IProblemDetailsService problems, ILogger<ProblemExceptionHandler> logger) : IExceptionHandler
    {
        public async ValueTask<bool> TryHandleAsync(HttpContext http, Exception exception, CancellationToken ct)
        {
            var problem = exception switch
            {
                ProblemException p => FromProblem(p, http),
                BadHttpRequestException bad => FromBadRequest(bad),
                _ => null,
            };
            if (problem is null)
            {
                logger.LogError(exception, "Unhandled error on {Method} {Path}", http.Request.Method, http.Request.Path);
                problem = new ProblemDetails
                {
                    Status = 500,
                    Title = "Unexpected error",
                    Detail = "The server could not complete the request. Quote the correlation id when reporting it.",
                };
            }

            http.Response.StatusCode = problem.Status!.Value;
            return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = http, ProblemDetails = problem, Exception = exception });
        }

        private static ProblemDetails FromProblem(ProblemException p, HttpContext http)
        {
            if (p.RetryAfter is { } retry)
                http.Response.Headers.RetryAfter = Math.Ceiling(retry.TotalSeconds).ToString(CultureInfo.InvariantCulture);
            ProblemDetails problem = p.Errors is null ? new ProblemDetails() : new HttpValidationProblemDetails(p.Errors);
            problem.Status = p.Status;
            problem.Type = p.Type;
            problem.Title = p.Title;
            problem.Detail = p.Detail;
            return problem;
        }

        private static ProblemDetails FromBadRequest(BadHttpRequestException bad) => bad.StatusCode switch
        {
            413 => new ProblemDetails { Status = 413, Type = DefaultType(413), Title = "Payload too large", Detail = "The request body is larger than this operation accepts." },
            415 => new ProblemDetails { Status = 415, Type = DefaultType(415), Title = "Unsupported media type", Detail = bad.Message },
            _ => new ProblemDetails
            {
                Status = bad.StatusCode,
                Type = "/problems/malformed-request",
                Title = "Malformed request",
                Detail = bad.InnerException is System.Text.Json.JsonException json
                    ? $"The body is not valid JSON for this operation: {json.Message}"
                    : bad.Message,
            },
        };
    }
}
