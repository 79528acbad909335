using System.Text.Json;
using System.Text.Json.Serialization;
using Vtis.ServiceInterface.Data;
using Vtis.ServiceModel.Jobs;

namespace Vtis.ServiceInterface.Jobs;

/// <summary>How a job row is shown through the API (and to SignalR and webhook subscribers).</summary>
public static class JobViews
{
    public static readonly JsonSerializerOptions ConfigJson = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    public static string Serialize(ProcessingConfig config) => JsonSerializer.Serialize(config, ConfigJson);

    public static ProcessingConfig Config(Job job) => JsonSerializer.Deserialize<ProcessingConfig>(job.ProcessingConfig, ConfigJson) ?? new();

    public static JobInfo Describe(Job job) => new()
    {
        Id = job.Id,
        DisplayName = job.DisplayName,
        OriginalFilename = job.OriginalFilename,
        Status = job.Status,
        ProgressPercentage = job.ProgressPercentage,
        Processor = job.Processor,
        Config = Config(job),
        EstimatedCredits = job.EstimatedCredits,
        ActualCreditsUsed = job.ActualCreditsUsed,
        Error = job.ErrorCode is null ? null : new JobError { Code = job.ErrorCode, Message = job.ErrorMessage ?? "" },
        Input = job.InputMedia is not { } m ? null : new MediaInfoSummary
        {
            DurationSeconds = m.DurationSeconds,
            Size = job.InputSize,
            Width = m.Width,
            Height = m.Height,
        },
        OutputReady = job.Status == JobStatus.Completed && job.OutputKey is not null,
        CreatedAt = job.CreatedAt,
        UpdatedAt = job.UpdatedAt,
        StartedAt = job.StartedAt,
        CompletedAt = job.CompletedAt,
    };
}
