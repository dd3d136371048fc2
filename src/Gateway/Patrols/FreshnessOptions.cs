namespace PatrolScores.Gateway.Patrols;

/// <summary>
/// The <c>Freshness</c> section: how long patrol scores stay fresh as a user's OSM budget falls, and
/// how long a copy is kept to serve while OSM says no.
/// </summary>
public sealed class FreshnessOptions
{
    public const string SectionName = "Freshness";

    /// <summary>Time to live while the budget is healthy (or unknown).</summary>
    public TimeSpan DefaultTtl { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// Longer TTLs as remaining falls; the tier with the lowest threshold above remaining wins.
    /// Left empty, the defaults apply: below 200 → 10 min, below 100 → 15 min, below 20 → 30 min.
    /// </summary>
    public List<FreshnessTier> Tiers { get; set; } = [];

    /// <summary><c>rate_limit_state</c> is DEGRADED below this many remaining requests.</summary>
    public int DegradedBelow { get; set; } = 200;

    /// <summary>A warning is logged below this many remaining requests.</summary>
    public int WarnBelow { get; set; } = 100;

    /// <summary>An error is logged below this many remaining requests.</summary>
    public int ErrorBelow { get; set; } = 20;

    /// <summary>How long the last good copy is kept, counted from when it was fetched.</summary>
    public TimeSpan FallbackWindow { get; set; } = TimeSpan.FromDays(8);

    /// <summary>After a failed fetch, devices are told to come back after this long.</summary>
    public TimeSpan RetryAfterFailure { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>While the global block holds (it has no end), devices are told to come back after this long.</summary>
    public TimeSpan BlockedRetry { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>A 429 without Retry-After or X-RateLimit-Reset blocks the user for this long.</summary>
    public TimeSpan DefaultUserBlock { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>
    /// When a user's block ends, each of their sections asks again at its own offset within this window
    /// (a hash of section and term, whole seconds), not all at once; devices are told that time. 0 turns
    /// spreading off; at most 15 min. Default 1 min.
    /// </summary>
    public TimeSpan BlockEndSpread { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// The longest wait taken from OSM (<c>Retry-After</c>, <c>X-RateLimit-Reset</c>): OSM's limits are per
    /// hour, so anything longer is a mistake and is bounded to this (logged as event 2008 and counted).
    /// </summary>
    public TimeSpan MaxUpstreamWait { get; set; } = TimeSpan.FromHours(1);

    public static IReadOnlyList<FreshnessTier> DefaultTiers { get; } =
    [
        new() { RemainingBelow = 200, Ttl = TimeSpan.FromMinutes(10) },
        new() { RemainingBelow = 100, Ttl = TimeSpan.FromMinutes(15) },
        new() { RemainingBelow = 20, Ttl = TimeSpan.FromMinutes(30) },
    ];
}

public sealed class FreshnessTier
{
    public int RemainingBelow { get; set; }

    public TimeSpan Ttl { get; set; }
}
