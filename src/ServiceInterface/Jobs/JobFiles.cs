using Vtis.ServiceInterface.Data;

namespace Vtis.ServiceInterface.Jobs;

/// <summary>Where a job's files live in the blob store.</summary>
public static class JobFiles
{
    public static string OutputKey(Job job) => $"jobs/{job.AccountId:N}/{job.Id:N}/output.mp4";
}
