using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Vtis.ServiceInterface.Storage;

/// <summary>Readiness of the configured blob store: it can be written and read back.</summary>
public sealed class BlobStoreHealthCheck(IBlobStore store) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        await store.CheckHealthAsync(cancellationToken)
            ? HealthCheckResult.Healthy("blob store writable and readable")
            : HealthCheckResult.Unhealthy("The blob store cannot be written or read.");
}
