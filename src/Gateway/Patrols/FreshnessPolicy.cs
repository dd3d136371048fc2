using Microsoft.Extensions.Options;

namespace PatrolScores.Gateway.Patrols;

/// <summary>Decides how long fetched scores stay fresh, and the state to report, from OSM's remaining budget.</summary>
internal sealed class FreshnessPolicy(IOptionsMonitor<FreshnessOptions> options)
{
    public FreshnessOptions Current => options.CurrentValue;

    /// <param name="remaining">Null when OSM sent no <c>X-RateLimit-Remaining</c>: unknown, not zero.</param>
    public TimeSpan TtlFor(int? remaining)
    {
        var current = options.CurrentValue;
        if (remaining is not { } left)
        {
            return current.DefaultTtl;
        }

        var tiers = current.Tiers.Count > 0 ? current.Tiers : FreshnessOptions.DefaultTiers;
        FreshnessTier? chosen = null;
        foreach (var tier in tiers)
        {
            if (left < tier.RemainingBelow && (chosen is null || tier.RemainingBelow < chosen.RemainingBelow))
            {
                chosen = tier;
            }
        }

        return chosen?.Ttl ?? current.DefaultTtl;
    }

    public RateLimitState StateFor(int? remaining) =>
        remaining is { } left && left < options.CurrentValue.DegradedBelow ? RateLimitState.Degraded : RateLimitState.None;
}
