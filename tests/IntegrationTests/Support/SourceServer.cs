using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Vtis.IntegrationTests.Support;

/// <summary>A plain web server on loopback serving files, standing in for a user's public video URL.</summary>
public sealed class SourceServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private SourceServer(WebApplication app) => _app = app;

    public Uri BaseAddress => new(_app.Urls.First() + "/");

    public static async Task<SourceServer> StartAsync(IReadOnlyDictionary<string, string> files)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        app.MapGet("/{name}", (string name) => files.TryGetValue(name, out var path)
            ? Results.File(path, "video/mp4", enableRangeProcessing: true)
            : Results.NotFound());
        app.MapGet("/redirect/{name}", (string name) => Results.Redirect("/" + name));
        await app.StartAsync();
        return new SourceServer(app);
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
