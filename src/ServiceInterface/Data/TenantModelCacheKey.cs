using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace Vtis.ServiceInterface.Data;

/// <summary>Two cached models per context type: with tenant filters (requests) and without (system work).</summary>
internal sealed class TenantModelCacheKey : IModelCacheKeyFactory
{
    public object Create(DbContext context, bool designTime) =>
        (context.GetType(), context is AppDbContext { SeesAllTenants: true }, designTime);
}
