namespace PatrolScores.Gateway.Osm.Guard;

/// <summary>
/// How long OSM tells us to wait, bounded. OSM's limits are per hour (<c>../shared/osm-api.md</c>), so a
/// <c>Retry-After</c> or <c>X-RateLimit-Reset</c> beyond <c>Freshness:MaxUpstreamWait</c> (default one
/// hour) is taken as that maximum — a mistaken epoch time must not block a leader until 2083 nor tell
/// scoreboards to come back then. A wait of zero (a past <c>Retry-After</c> date) is taken as one
/// second. Unreadable or negative values never get here: the signal reader reports them as unknown.
/// Pure: the caller logs and counts what was bounded.
/// </summary>
internal static class UpstreamWaits
{
    /// <summary>The shortest wait honoured: "now" still means "not in this same instant".</summary>
    public static readonly TimeSpan Minimum = TimeSpan.FromSeconds(1);

    /// <summary>
    /// The user block a 429 sets: <c>Retry-After</c>, else <c>X-RateLimit-Reset</c>, else
    /// <paramref name="defaultBlock"/>; bounded to [<see cref="Minimum"/>, <paramref name="maximum"/>].
    /// </summary>
    public static UpstreamWait UserBlock(int? retryAfterSeconds, int? resetSeconds, TimeSpan defaultBlock, TimeSpan maximum) =>
        retryAfterSeconds is { } retry ? Bound(retry, UpstreamWaitSource.RetryAfter, maximum)
        : resetSeconds is { } reset ? Bound(reset, UpstreamWaitSource.RateLimitReset, maximum)
        : new UpstreamWait(defaultBlock, UpstreamWaitSource.Default, Clamped: false);

    /// <summary>When the user's quota window resets: <c>X-RateLimit-Reset</c>, else an hour; bounded likewise.</summary>
    public static UpstreamWait QuotaReset(int? resetSeconds, TimeSpan maximum) =>
        resetSeconds is { } reset
            ? Bound(reset, UpstreamWaitSource.RateLimitReset, maximum)
            : new UpstreamWait(TimeSpan.FromHours(1) < maximum ? TimeSpan.FromHours(1) : maximum, UpstreamWaitSource.Default, Clamped: false);

    private static UpstreamWait Bound(int seconds, UpstreamWaitSource source, TimeSpan maximum)
    {
        var wait = TimeSpan.FromSeconds(seconds);
        return wait > maximum ? new UpstreamWait(maximum, source, Clamped: true)
            : wait < Minimum ? new UpstreamWait(Minimum, source, Clamped: true)
            : new UpstreamWait(wait, source, Clamped: false);
    }
}

/// <summary>A bounded wait, where it came from, and whether OSM's value was out of bounds.</summary>
internal readonly record struct UpstreamWait(TimeSpan Wait, UpstreamWaitSource Source, bool Clamped);

/// <summary>Which signal a wait was taken from (the <c>header</c> label of <c>osm_upstream_wait_clamped_total</c>).</summary>
internal enum UpstreamWaitSource
{
    Default,
    RetryAfter,
    RateLimitReset,
}
