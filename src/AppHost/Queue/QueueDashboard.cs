using Hangfire;
using Hangfire.Dashboard;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Vtis.ServiceModel;

namespace Vtis.AppHost.Queue;

/// <summary>Hangfire's own dashboard at <c>/admin/queue</c>, for admins only. A browser opening it sends no
/// Authorization header, so the web app puts the admin's access token in a cookie scoped to this path
/// (<see cref="CookieName"/>); the JWT bearer handler reads it there and nowhere else.</summary>
public static class QueueDashboard
{
    public const string Path = "/admin/queue";
    public const string CookieName = "vtis_queue";

    public static IEndpointRouteBuilder MapQueueDashboard(this IEndpointRouteBuilder app)
    {
        app.MapHangfireDashboard(Path, new DashboardOptions
        {
            AppPath = "/admin/system",
            DashboardTitle = "Queue · Video Text Inpainting Service",
            DisplayStorageConnectionString = false,
            AsyncAuthorization = [new AdminOnly()],
        });
        return app;
    }

    private sealed class AdminOnly : IDashboardAsyncAuthorizationFilter
    {
        public async Task<bool> AuthorizeAsync(DashboardContext context)
        {
            var http = context.GetHttpContext();
            var result = await http.AuthenticateAsync(JwtBearerDefaults.AuthenticationScheme);
            if (!result.Succeeded) return false;
            http.User = result.Principal;
            return result.Principal.IsInRole(Roles.Admin);
        }
    }
}
