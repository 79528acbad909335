using System.ComponentModel.DataAnnotations;

namespace Vtis.ServiceInterface.Webhooks;

/// <summary>Settings under <c>Webhooks</c>: outbound event delivery to integrators.</summary>
public sealed class WebhookOptions
{
    public const string Section = "Webhooks";

    /// <summary>Exceptions to the public-address rule: host names (allowed whatever they resolve to) or IP addresses
    /// and CIDR ranges. Empty by default; tests allow their loopback receiver.</summary>
    public string[] AllowedHosts { get; set; } = [];

    /// <summary>Seconds an endpoint has to answer.</summary>
    [Range(1, 120)]
    public int TimeoutSeconds { get; set; } = 10;

    /// <summary>Seconds before each retry after a failed attempt (the first attempt is immediate); after the last the
    /// delivery fails. Empty here because binding appends to an array's initial items; see <see cref="EffectiveRetryDelays"/>.</summary>
    public int[] RetryDelaysSeconds { get; set; } = [];

    /// <summary>An endpoint whose deliveries have all failed for this long is disabled.</summary>
    [Range(0.000001, 365)]
    public double DisableAfterFailingDays { get; set; } = 5;

    /// <summary><c>credits.low</c> fires when available credits fall below this.</summary>
    [Range(0, 1_000_000)]
    public long CreditsLowThreshold { get; set; } = 5;

    [Range(1, 100)]
    public int MaxEndpointsPerAccount { get; set; } = 20;

    /// <summary>Standard Webhooks' schedule: 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h.</summary>
    public IReadOnlyList<int> EffectiveRetryDelays => RetryDelaysSeconds.Length > 0 ? RetryDelaysSeconds : [5, 300, 1800, 7200, 18000, 36000, 36000];
}
