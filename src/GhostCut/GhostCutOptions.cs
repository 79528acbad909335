namespace Vtis.GhostCut;

/// <summary>GhostCut account and transport settings, bound from the <c>GhostCut</c> configuration section.</summary>
public sealed class GhostCutOptions
{
    /// <summary>The configuration section these options are bound from.</summary>
    public const string SectionName = "GhostCut";

    /// <summary>Base URL of the GhostCut API.</summary>
    public string ApiUrl { get; set; } = "https://api.zhaoli.com";

    /// <summary>The app key sent in the <c>AppKey</c> header.</summary>
    public string? ApiKey { get; set; }

    /// <summary>The app secret that signs requests and verifies callbacks. Never logged.</summary>
    public string? AppSecret { get; set; }

    /// <summary>Optional sub-account id sent as <c>uid</c> when a request does not name one.</summary>
    public string? Uid { get; set; }

    /// <summary>Time allowed for one HTTP attempt.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Time allowed for one call including all its retries and back-off delays.</summary>
    public TimeSpan TotalTimeout { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Retries of a status query after a transient failure; 0 disables retries.</summary>
    public int MaxRetryAttempts { get; set; } = 3;

    /// <summary>Base delay of the exponential, jittered back-off between retries.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Whether credentials are present, i.e. whether GhostCut can be used at all.</summary>
    public bool IsConfigured => !string.IsNullOrWhiteSpace(ApiKey) && !string.IsNullOrWhiteSpace(AppSecret);
}
