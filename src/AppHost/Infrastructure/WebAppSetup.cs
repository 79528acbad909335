using Microsoft.Extensions.FileProviders;

namespace Vtis.AppHost.Infrastructure;

/// <summary>The web app (wwwroot/dist, built by Vite): its files, and its index.html for every other browser route
/// (client-side routing), never for API, hub, file, health or OpenAPI paths.</summary>
public static class WebAppSetup
{
    private static readonly string[] ServerPrefixes = ["/api", "/hubs", "/files", "/health", "/openapi", "/scalar", "/admin/queue"];

    public static IEndpointRouteBuilder MapWebApp(this WebApplication app)
    {
        app.MapFallback(async http =>
        {
            var path = http.Request.Path.Value ?? "/";
            var index = app.Environment.WebRootFileProvider.GetFileInfo("index.html");
            if (!HttpMethods.IsGet(http.Request.Method) || ServerPrefixes.Any(p => path.StartsWith(p, StringComparison.OrdinalIgnoreCase))
                || Path.HasExtension(path))
            {
                http.Response.StatusCode = StatusCodes.Status404NotFound;
                return;
            }

            if (!index.Exists)
            {
                http.Response.ContentType = "text/html; charset=utf-8";
                await http.Response.WriteAsync("<!doctype html><title>Video Text Inpainting Service</title><h1>The web app is not built</h1>" +
                    "<p><code>bash scripts/run.sh</code> builds it (wwwroot, Vite). The API explorer is at <a href=\"/api\">/api</a>.</p>");
                return;
            }

            http.Response.ContentType = "text/html; charset=utf-8";
            http.Response.Headers.CacheControl = "no-cache";
            await http.Response.SendFileAsync(index);
        });
        return app;
    }
}
