using Vtis.ServiceInterface.Common;
using Vtis.ServiceModel.Admin;

namespace Vtis.ServiceInterface.Admin;

/// <summary>Reads the queue's state; implemented over the queue library in AppHost.</summary>
public interface IQueueMonitor
{
    QueueStatus Read(int failedCount);
}

public sealed class QueueStatusService(IQueueMonitor monitor) : IHandle<GetQueueStatus, QueueStatus>
{
    public Task<QueueStatus> Handle(GetQueueStatus request, CancellationToken ct) => Task.FromResult(monitor.Read(request.FailedCount ?? 20));
}
