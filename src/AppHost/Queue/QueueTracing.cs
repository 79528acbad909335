using System.Diagnostics;
using Hangfire.Client;
using Hangfire.Server;

namespace Vtis.AppHost.Queue;

/// <summary>
/// Traces of the queue (activity source <c>Vtis.Queue</c>): a producer span when a message is created, carrying the
/// caller's trace in the message (the W3C <c>traceparent</c> as a job parameter), and a consumer span around each run,
/// in that trace, so a request's submit and the worker's run of it are one trace (with the run's database and HTTP
/// spans inside it). Failures mark the run's span as an error.
/// </summary>
public sealed class QueueTracing : IClientFilter, IServerFilter
{
    public const string SourceName = "Vtis.Queue";
    private const string ParentParameter = "traceparent";
    private const string RunItem = "vtis.activity";
    private static readonly ActivitySource Source = new(SourceName);

    public void OnCreating(CreatingContext context)
    {
        var activity = Source.StartActivity($"enqueue {Name(context.Job)}", ActivityKind.Producer);
        if (activity is not null)
        {
            Tag(activity, context.Job, queue: context.Job.Queue ?? "default");
            context.Items[RunItem] = activity;
        }

        if ((activity ?? Activity.Current)?.Id is { } parent) context.SetJobParameter(ParentParameter, parent);
    }

    public void OnCreated(CreatedContext context)
    {
        if (!context.Items.TryGetValue(RunItem, out var item) || item is not Activity activity) return;
        if (context.BackgroundJob?.Id is { } id) activity.SetTag("messaging.message.id", id);
        if (context.Exception is { } e && !context.ExceptionHandled) activity.SetStatus(ActivityStatusCode.Error, e.Message);
        activity.Dispose();
    }

    public void OnPerforming(PerformingContext context)
    {
        // The parent comes from another process (the sender): a remote parent, as samplers that follow it expect.
        ActivityContext.TryParse(context.GetJobParameter<string>(ParentParameter, allowStale: true), null, isRemote: true, out var parent);
        var activity = Source.StartActivity(Name(context.BackgroundJob.Job), ActivityKind.Consumer, parent);
        if (activity is null) return;
        Tag(activity, context.BackgroundJob.Job, queue: context.BackgroundJob.Job.Queue ?? "default");
        activity.SetTag("messaging.message.id", context.BackgroundJob.Id);
        if (context.GetJobParameter<int?>("RetryCount") is { } retries) activity.SetTag("messaging.retry_count", retries);
        context.Items[RunItem] = activity;
    }

    public void OnPerformed(PerformedContext context)
    {
        if (!context.Items.TryGetValue(RunItem, out var item) || item is not Activity activity) return;
        if (context.Exception is { } e && !context.ExceptionHandled)
            activity.SetStatus(ActivityStatusCode.Error, (e.InnerException ?? e).Message);
        activity.Dispose();
    }

    private static string Name(Hangfire.Common.Job job) => $"{job.Type.Name}.{job.Method.Name}";

    private static void Tag(Activity activity, Hangfire.Common.Job job, string queue)
    {
        activity.SetTag("messaging.system", "hangfire");
        activity.SetTag("messaging.destination.name", queue);
        activity.SetTag("messaging.operation.name", activity.Kind == ActivityKind.Producer ? "send" : "process");
        activity.SetTag("code.function.name", Name(job));
    }
}
