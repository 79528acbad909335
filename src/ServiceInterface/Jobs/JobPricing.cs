using Microsoft.Extensions.Options;
using Vtis.ServiceInterface.Data;

namespace Vtis.ServiceInterface.Jobs;

/// <summary>The price of a job in credits: per started minute of input, more above Full HD.</summary>
public sealed class JobPricing(IOptions<PricingOptions> options)
{
    public (long Credits, string Basis) Estimate(MediaFacts media)
    {
        var o = options.Value;
        var minutes = Math.Max(1, (long)Math.Ceiling(media.DurationSeconds / 60.0));
        var aboveFullHd = Math.Max(media.Width, media.Height) > 1920 || Math.Min(media.Width, media.Height) > 1080;
        var multiplier = aboveFullHd ? o.AboveFullHdMultiplier : 1.0;
        var credits = (long)Math.Ceiling(minutes * o.CreditsPerMinute * multiplier);
        var basis = $"{minutes} started minute(s) x {o.CreditsPerMinute} credit(s)" +
                    (aboveFullHd ? $" x {o.AboveFullHdMultiplier} above 1080p" : "");
        return (credits, basis);
    }
}
