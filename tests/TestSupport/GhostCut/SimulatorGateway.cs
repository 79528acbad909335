using System.Text;
using Vtis.GhostCut;

namespace Vtis.TestSupport;

/// <summary>An API answer: an envelope code and message with a body on success.</summary>
internal sealed record ApiAnswer(int Code, string Msg, object? Body)
{
    public static ApiAnswer Success(object body) => new(GhostCutCodes.Success, "success", body);

    public static ApiAnswer Failure(int code, string msg) => new(code, msg, null);
}

/// <summary>
/// What every GhostCut API call goes through: the request log, injected faults, the POST-only rule and the
/// AppKey/AppSign checks over the raw body bytes, then the envelope around the operation's answer.
/// </summary>
internal sealed class SimulatorGateway(
    GhostCutSimulatorOptions options, GhostCutSimulatorBehavior behavior, SimulatorLog log, CancellationToken stopping)
{
    public async Task HandleAsync(HttpContext http, Func<byte[], HttpRequest, ApiAnswer> operation)
    {
        var request = http.Request;
        var body = await ReadBodyAsync(request, http.RequestAborted);
        var appKey = request.Headers["AppKey"].ToString();
        var appSign = request.Headers["AppSign"].ToString();
        log.Add(new GhostCutRequestRecord(request.Method, request.Path, appKey.Length > 0 ? appKey : null,
            Encoding.UTF8.GetString(body), DateTimeOffset.UtcNow));

        if (behavior.TakeFault() is { } fault)
        {
            if (fault.HttpStatus is { } status)
            {
                http.Response.StatusCode = status;
                await http.Response.WriteAsync("Simulated failure", http.RequestAborted);
                return;
            }

            if (fault.Code is { } code)
            {
                await ReplyAsync(http, ApiAnswer.Failure(code, code == GhostCutCodes.DataProcessLimit ? "Data process Limit" : "Simulated error"));
                return;
            }

            if (!await HangAsync(fault.Delay!.Value))
            {
                http.Abort();
                return;
            }
        }

        await ReplyAsync(http, Check(request, body, appKey, appSign) ?? operation(body, request));
    }

    /// <returns><see langword="false"/> when the simulator stopped while holding the request.</returns>
    private async Task<bool> HangAsync(TimeSpan delay)
    {
        try
        {
            // A hung request still takes effect afterwards, whether or not the client is still waiting.
            await Task.Delay(delay, stopping);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    private ApiAnswer? Check(HttpRequest request, byte[] body, string appKey, string appSign)
    {
        if (!HttpMethods.IsPost(request.Method))
        {
            return ApiAnswer.Failure(GhostCutCodes.NotPost, "Request method not supported");
        }

        if (appKey.Length == 0 || appSign.Length == 0)
        {
            return ApiAnswer.Failure(GhostCutCodes.MissingCredentials, "AppKey or AppSign is missing");
        }

        if (appKey != options.AppKey)
        {
            return ApiAnswer.Failure(GhostCutCodes.InvalidAppKey, "AppKey is invalid");
        }

        return GhostCutSignature.Verify(body, appSign, options.AppSecret)
            ? null
            : ApiAnswer.Failure(GhostCutCodes.InvalidAppSign, "AppSign is invalid");
    }

    private async Task ReplyAsync(HttpContext http, ApiAnswer answer)
    {
        var envelope = new GhostCutEnvelope<object>
        {
            Code = answer.Code,
            Msg = answer.Msg,
            Trace = Guid.NewGuid().ToString("N"),
            Body = answer.Body,
        };
        // Business errors travel with HTTP 200, as on GhostCut.
        http.Response.StatusCode = StatusCodes.Status200OK;
        http.Response.ContentType = "application/json";
        await http.Response.Body.WriteAsync(WireJson.Serialize(envelope, behavior.IdsAsStrings), http.RequestAborted);
    }

    private static async Task<byte[]> ReadBodyAsync(HttpRequest request, CancellationToken ct)
    {
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, ct);
        return buffer.ToArray();
    }
}
