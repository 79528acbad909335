using Microsoft.Extensions.Options;

namespace Vtis.ServiceInterface.GhostCutJobs;

/// <summary>Settings under <c>App</c> that GhostCut needs: where it can reach us.</summary>
public sealed class PublicUrlOptions
{
    public string? PublicBaseUrl { get; set; }
}

/// <summary>The absolute URLs GhostCut uses to reach this service (input downloads and callbacks).</summary>
public sealed class GhostCutEndpoints(IOptions<PublicUrlOptions> options)
{
    public const string CallbackPrefix = "/api/v1/ghostcut/callback/";

    private Uri BaseUrl => Uri.TryCreate(options.Value.PublicBaseUrl, UriKind.Absolute, out var url)
        ? url
        : throw new Jobs.Processing.JobFailedException("processor-unavailable",
            "Text removal is temporarily unavailable. Please try again later. (App:PublicBaseUrl is not configured.)");

    public Uri CallbackUrl(string token) => new(BaseUrl, CallbackPrefix + token);

    /// <summary>Storage URLs of the local store are root-relative; GhostCut needs them absolute.</summary>
    public Uri Absolute(Uri url) => url.IsAbsoluteUri ? url : new Uri(BaseUrl, url);
}
