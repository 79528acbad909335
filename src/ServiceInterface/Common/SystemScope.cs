using Microsoft.Extensions.DependencyInjection;

namespace Vtis.ServiceInterface.Common;

/// <summary>Creates DI scopes for trusted background work: the scope's DbContext sees every account.</summary>
public static class SystemScope
{
    public static AsyncServiceScope CreateSystemScope(this IServiceScopeFactory scopes)
    {
        var scope = scopes.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<HttpCurrentUser>().ActAsSystem();
        return scope;
    }

    /// <summary>Elevates an existing scope (e.g. one a queue library created for a job).</summary>
    public static IServiceProvider AsSystem(this IServiceProvider services)
    {
        services.GetRequiredService<HttpCurrentUser>().ActAsSystem();
        return services;
    }
}
