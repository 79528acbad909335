using System.Text.Json;
using System.Text.Json.Nodes;
using Vtis.GhostCut;

namespace Vtis.TestSupport;

/// <summary>The two GhostCut operations: create works, and read them by work or batch id.</summary>
internal sealed class WorkOperations(
    WorkRegistry registry, WorkProcessor processor, GhostCutSimulatorBehavior behavior, GhostCutSimulatorOptions options)
{
    public ApiAnswer Create(byte[] body, HttpRequest http)
    {
        GhostCutWorkRequest? request;
        IReadOnlyList<GhostCutMask> masks;
        try
        {
            request = JsonSerializer.Deserialize<GhostCutWorkRequest>(body, GhostCutJson.Options);
            masks = GhostCutMask.ParseField(request?.VideoInpaintMasks);
            if (request?.ExtraOptions is { } extra && JsonNode.Parse(extra) is not JsonObject)
            {
                return Invalid("extraOptions must hold a JSON object");
            }
        }
        catch (JsonException e)
        {
            return Invalid(e.Message);
        }

        if (Problem(request, masks) is { } problem)
        {
            return Invalid(problem);
        }

        var origin = $"{http.Scheme}://{http.Host}";
        var projectId = registry.NextProjectId();
        var created = request!.Urls.Select((url, index) => CreateWork(request, masks, projectId, url, index, origin)).ToList();
        return ApiAnswer.Success(new GhostCutCreatedWorks { IdProject = projectId, DataList = created });
    }

    public ApiAnswer Status(byte[] body, HttpRequest http)
    {
        try
        {
            var query = JsonSerializer.Deserialize<GhostCutWorkQuery>(body, GhostCutJson.Options) ?? new GhostCutWorkQuery();
            return ApiAnswer.Success(new GhostCutWorkPage { Content = [.. registry.Matching(query, DateTimeOffset.UtcNow)] });
        }
        catch (JsonException e)
        {
            return Invalid(e.Message);
        }
    }

    private GhostCutCreatedWork CreateWork(
        GhostCutWorkRequest request, IReadOnlyList<GhostCutMask> masks, long projectId, string url, int index, string origin)
    {
        var id = registry.NextWorkId();
        var row = new GhostCutWork
        {
            Id = id,
            IdProject = projectId,
            Url = url,
            Name = request.Names?.ElementAtOrDefault(index) ?? "",
            VideoUrl = "",
            ErrorDetail = "",
        };
        var work = new SimulatedWork(row, request.Callback, masks, behavior.ScenarioFor(url),
            $"{origin}/results/{id}.mp4", options.ProcessingFor);
        registry.Add(work);
        processor.Start(work);
        return new GhostCutCreatedWork { Url = url, Id = id };
    }

    private static string? Problem(GhostCutWorkRequest? request, IReadOnlyList<GhostCutMask> masks)
    {
        if (request is null || request.Urls.Count is 0 or > GhostCutWorkRequest.MaxUrls)
        {
            return $"urls must hold 1 to {GhostCutWorkRequest.MaxUrls} URLs";
        }

        if (request.NeedChineseOcclude == 2 && masks.Count == 0)
        {
            return "needChineseOcclude 2 needs videoInpaintMasks";
        }

        if (request.Callback is { } callback && !HttpUrl.TryParse(callback, out _))
        {
            // Stricter than GhostCut is known to be, so that a malformed callback URL of ours fails loudly in tests.
            return "callback must be an absolute http(s) URL";
        }

        return masks.Any(mask => mask.Region.Count != 4 || mask.Region.Any(point => point.Count != 2))
            ? "a mask region needs four [x, y] points"
            : null;
    }

    private static ApiAnswer Invalid(string reason) =>
        ApiAnswer.Failure(GhostCutCodes.DataProcessFailure, $"Data process failure: {reason}");
}
