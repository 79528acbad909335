using Vtis.AppHost.Infrastructure;
using Vtis.AppHost.Operations;
using Vtis.AppHost.Queue;
using Vtis.AppHost.Realtime;
using Vtis.Engine;
using Vtis.ServiceInterface;
using Vtis.ServiceInterface.Billing;
using Vtis.ServiceInterface.Data;
using Vtis.ServiceInterface.GhostCutJobs;
using Vtis.ServiceInterface.Storage;

// `process <input> --output <file> …` runs the local engine on one video, without the server.
if (args is [ProcessCommand.Name, .. var engineArgs])
{
    Environment.ExitCode = await EngineCli.RunAsync(engineArgs);
    return;
}

var builder = WebApplication.CreateBuilder(new WebApplicationOptions
{
    Args = args,
    ContentRootPath = AppContext.BaseDirectory,
    WebRootPath = Path.Combine(AppContext.BaseDirectory, "wwwroot"),
});

// `--role web|worker|all` is short for --App:Role.
builder.Configuration.AddCommandLine(args, new Dictionary<string, string> { ["--role"] = "App:Role" });
builder.AddAppSettings();
builder.AddAppObservability();
builder.Services.AddAppDatabase(builder.Configuration.GetConnectionString("Default")!);
builder.Services.AddServiceInterface();
builder.Services.AddAppAuth();
builder.Services.AddAppJson();
builder.Services.AddAppProblemDetails();
builder.Services.AddAppOpenApi();
builder.Services.AddAppRedis(builder.Configuration);
builder.Services.AddAppHealthChecks(builder.Configuration);
builder.Services.AddAppCors(builder.Configuration);
builder.Services.AddAppProcessing(builder.Configuration);
builder.Services.AddAppBilling(builder.Configuration);
builder.Services.AddAppQueue(builder.Configuration, builder.Configuration.GetSection(AppOptions.Section).Get<AppOptions>() ?? new AppOptions());
builder.Services.AddAppRealtime(builder.Configuration);
builder.Services.AddAppForwardedHeaders(builder.Configuration);

var app = builder.Build();

if (args.Contains("migrate"))
{
    await app.PrepareDatabaseAsync(forceMigrate: true);
    Console.WriteLine("Database is up to date.");
    return;
}

await app.PrepareDatabaseAsync();

app.UseAppForwardedHeaders();
app.UseRequestLogging();
app.UseExceptionHandler();
app.UseProblemStatusPages();
app.UseDefaultFiles();
app.UseStaticFiles();
app.UseRouting();
app.UseApiExplorerGuard();
app.UseCors();
app.UseAuthentication();
app.UseRateLimiter();
app.UseAuthorization();
app.UseOperationBodyLimit();

app.MapAppHealthChecks();
app.MapAppMetrics();
if (app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<AppOptions>>().Value.ServesHttpApi)
{
    app.MapOperations();
    app.MapApiExplorer();
    app.MapLocalFiles();
    app.MapGhostCutCallback();
    app.MapStripeWebhook();
    app.MapAppRealtime();
    app.MapQueueDashboard();
    app.MapWebApp();
}

await app.RunAsync();

/// <summary>Entry point; public so integration tests can host it with WebApplicationFactory.</summary>
public partial class Program;
