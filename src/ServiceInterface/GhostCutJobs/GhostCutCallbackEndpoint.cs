using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Vtis.GhostCut;
using Vtis.ServiceInterface.Common;
using Vtis.ServiceInterface.Data;
using Vtis.ServiceInterface.Jobs;

namespace Vtis.ServiceInterface.GhostCutJobs;

/// <summary>
/// <c>POST /api/v1/ghostcut/callback/{token}</c>: GhostCut's completion call. The <c>Callback-Sign</c> header is
/// checked over the raw body first (403 and no effect when wrong); the token, an unguessable per-job secret, is a
/// second guard. Every call is stored as it arrived (the inbox) and only then answered 200 with a body, so GhostCut
/// retries anything we did not durably record; the work itself is applied on the queue, which the stored row reaches
/// through <see cref="CallbackDispatch"/> (off the request) or, failing that, the reconciler's sweep.
/// </summary>
public static class GhostCutCallbackEndpoint
{
    public const string SignatureHeader = "Callback-Sign";
    private const int MaxBodyBytes = 256 * 1024;

    public static IEndpointRouteBuilder MapGhostCutCallback(this IEndpointRouteBuilder app)
    {
        app.MapPost(GhostCutEndpoints.CallbackPrefix + "{token}", ReceiveAsync).AllowAnonymous().ExcludeFromDescription();
        return app;
    }

    private static async Task<IResult> ReceiveAsync(string token, HttpContext http, IServiceScopeFactory scopes,
        IOptions<GhostCutOptions> options, CallbackDispatch dispatch, TimeProvider clock, ILoggerFactory loggers)
    {
        var logger = loggers.CreateLogger(typeof(GhostCutCallbackEndpoint));
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit) limit.MaxRequestBodySize = MaxBodyBytes;
        using var buffer = new MemoryStream();
        await http.Request.Body.CopyToAsync(buffer, http.RequestAborted);
        var body = buffer.ToArray();
        var secret = options.Value.AppSecret;
        var valid = !string.IsNullOrEmpty(secret) && GhostCutSignature.Verify(body, http.Request.Headers[SignatureHeader], secret);

        await using var scope = scopes.CreateSystemScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var job = valid ? await db.Jobs.AsNoTracking().Where(j => j.CallbackToken == token).Select(j => new { j.Id }).SingleOrDefaultAsync(http.RequestAborted) : null;
        var record = new GhostCutCallback
        {
            Token = token.Length > 64 ? token[..64] : token,
            JobId = job?.Id,
            Body = Encoding.UTF8.GetString(body),
            SignatureValid = valid,
            ReceivedAt = clock.GetUtcNow(),
            Outcome = !valid ? "rejected: bad signature" : job is null ? "ignored: unknown token" : null,
        };
        if (record.Outcome is not null) record.ProcessedAt = record.ReceivedAt;
        db.GhostCutCallbacks.Add(record);
        await db.SaveChangesAsync(http.RequestAborted);

        if (!valid)
        {
            logger.LogWarning("GhostCut callback {CallbackId} refused: bad signature", record.Id);
            return TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, type: "/problems/bad-signature",
                title: "Forbidden", detail: "The Callback-Sign header does not match the body.");
        }

        if (job is null)
        {
            logger.LogWarning("GhostCut callback {CallbackId} for an unknown token ignored", record.Id);
            return TypedResults.Text("ignored");
        }

        dispatch.Post(job.Id, record.Id);
        return TypedResults.Text("ok");
    }
}
