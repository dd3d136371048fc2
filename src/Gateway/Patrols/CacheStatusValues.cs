using System.Globalization;

namespace PatrolScores.Gateway.Patrols;

/// <summary>
/// The <c>Cache-Status</c> header of device bodies (RFC 9211), the cache named <c>PatrolScores</c>:
/// <c>hit; ttl=N</c> for a fresh copy from the cache; <c>fwd=miss; stored; ttl=N</c> when this poll's fetch brought
/// it; <c>fwd=stale; ttl=-N; detail=REASON</c> for a stale copy served because OSM could not be asked
/// (<c>user-blocked</c>, <c>service-blocked</c>, <c>upstream-unavailable</c>). <c>ttl</c> is the copy's remaining
/// freshness in whole seconds (§2.7), negative once stale. Hit values are built once per ttl (the hit path
/// allocates none).
/// </summary>
internal static class CacheStatusValues
{
    public const string CacheName = "PatrolScores";
    private const int CachedTtls = 3600;
    private static readonly string?[] Hits = new string?[CachedTtls + 1];

    public static string Hit(long ttl) => ttl is >= 0 and <= CachedTtls
        ? Hits[ttl] ??= Build("hit", ttl)
        : Build("hit", ttl);

    public static string Miss(long ttl) => Build("fwd=miss; stored", ttl);

    public static string Stale(long ttl, RateLimitState state) => Build("fwd=stale", ttl) + "; detail=" + state switch
    {
        RateLimitState.UserTemporaryBlock => "user-blocked",
        RateLimitState.ServiceBlocked => "service-blocked",
        _ => "upstream-unavailable",
    };

    /// <summary>Whole seconds of freshness left at <paramref name="now"/>, rounded up while fresh (as max-age is).</summary>
    public static long TtlOf(DateTimeOffset validUntil, DateTimeOffset now) => (long)Math.Ceiling((validUntil - now).TotalSeconds);

    private static string Build(string parameters, long ttl) =>
        string.Create(CultureInfo.InvariantCulture, $"{CacheName}; {parameters}; ttl={ttl}");
}
