using Microsoft.Extensions.FileProviders;

namespace Vtis.AppHost.Infrastructure;

/// <summary>The web app (wwwroot/dist, built by Vite): its files, and its index.html for every other browser route
/// (client-side routing), never for API, hub, file, health or OpenAPI paths.</summary>
public static class WebAppSetup
{
    private static readonly string[] ServerPrefixes = ["/api", "/hubs", "/files", "/health", "/openapi", "/scalar", "/admin/queue", "/metrics"];

    /// <summary>A middleware after routing rather than a fallback endpoint: a fallback would win over routing's own
    /// 405 and 415 answers for API paths, so it only runs when routing found no endpoint at all.</summary>
    public static WebApplication MapWebApp(this WebApplication app)
    {
        app.Use(async (http, next) =>
        {
            var path = http.Request.Path.Value ?? "/";
            if (http.GetEndpoint() is not null || !(HttpMethods.IsGet(http.Request.Method) || HttpMethods.IsHead(http.Request.Method))
                || ServerPrefixes.Any(p => path.StartsWith(p, StringComparison.OrdinalIgnoreCase)) || Path.HasExtension(path))
            {
                await next(http);
                return;
            }

            var index = app.Environment.WebRootFileProvider.GetFileInfo("index.html");
            http.Response.ContentType = "text/html; charset=utf-8";
            http.Response.Headers.CacheControl = "no-cache";
            if (!index.Exists)
            {
                await http.Response.WriteAsync("<!doctype html><title>Video Text Inpainting Service</title><h1>The web app is not built</h1>" +
                    "<p><code>bash scripts/run.sh</code> builds it (wwwroot, Vite). The API explorer is at <a href=\"/api\">/api</a>.</p>");
                return;
            }

            await http.Response.SendFileAsync(index);
        });
        return app;
    }
}
