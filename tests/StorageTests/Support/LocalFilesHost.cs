using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Vtis.ServiceInterface.Storage;

namespace Vtis.StorageTests.Support;

/// <summary>A minimal app on Kestrel (127.0.0.1, free port) that registers the blob storage from
/// <paramref name="settings"/> and maps <see cref="LocalFileEndpoints"/>, as the real app does.</summary>
public sealed class LocalFilesHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private LocalFilesHost(WebApplication app, Uri address)
    {
        _app = app;
        Http = new HttpClient { BaseAddress = address };
    }

    /// <summary>A plain client whose base address is the app, so root-relative signed URLs resolve against it.</summary>
    public HttpClient Http { get; }

    public IBlobStore Store => _app.Services.GetRequiredService<IBlobStore>();

    public LocalFileUrls Urls => _app.Services.GetRequiredService<LocalFileUrls>();

    public static async Task<LocalFilesHost> StartAsync(IDictionary<string, string?> settings)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel().UseUrls("http://127.0.0.1:0");
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Services.AddProblemDetails();
        builder.Services.AddBlobStorage(builder.Configuration);

        var app = builder.Build();
        app.MapLocalFiles();
        await app.StartAsync();
        return new LocalFilesHost(app, new Uri(app.Urls.Single()));
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
