using System.Collections.Concurrent;
using System.Threading.RateLimiting;

namespace PatrolScores.Gateway.RateLimiting;

/// <summary>
/// Which limiter serves which partition of which policy, so that a request can report its own partition's state in
/// <c>RateLimit-Policy</c> and <c>RateLimit</c> (<see cref="RateLimitReport"/>). ASP.NET Core's rate limiting shows
/// an endpoint neither the partition's limiter nor its lease (dotnet/aspnetcore#44140 is still open), but it builds
/// each partition's limiter with the factory the policy gives it: the factories here create a limiter that can
/// report (<see cref="IRateLimitStatusSource"/>) and remember it by (policy, partition key). When the middleware
/// discards an idle limiter (its heartbeat disposes one idle for 10 s) the entry goes with it, and only if it is
/// still that limiter's (a newer one for the same key may already be in its place), so nothing grows without bound.
/// One instance per host: replicas in one process (the tests') must not see each other's partitions.
/// </summary>
internal sealed class RateLimitPartitions
{
    private readonly ConcurrentDictionary<(string Policy, string Key), IRateLimitStatusSource> limiters = new();

    /// <summary>Partitions with a live limiter (for tests).</summary>
    public int Count => limiters.Count;

    public static RateLimitPartitions For(HttpContext context) => context.RequestServices.GetRequiredService<RateLimitPartitions>();

    /// <summary>A fixed window of <paramref name="permitLimit"/> requests (see <see cref="ReportingRateLimiter.FixedWindow"/>).</summary>
    public RateLimitPartition<string> FixedWindow(HttpContext context, string policy, string key, int permitLimit, TimeSpan window) =>
        Reported(context, policy, key, permitLimit, window,
            () => ReportingRateLimiter.FixedWindow(permitLimit, window, limiter => Forget(policy, key, limiter)));

    /// <summary>A token bucket (see <see cref="ReportingRateLimiter.TokenBucket"/>).</summary>
    public RateLimitPartition<string> TokenBucket(HttpContext context, string policy, string key, int burst, TimeSpan every) =>
        Reported(context, policy, key, burst, every * burst,
            () => ReportingRateLimiter.TokenBucket(burst, every, limiter => Forget(policy, key, limiter)));

    /// <summary>
    /// The partition <paramref name="key"/> of <paramref name="policy"/>, with a limiter from <paramref name="create"/>
    /// (called once per key, by the middleware); the request is set to report it. <paramref name="quota"/> and
    /// <paramref name="window"/> are what a partition without a limiter yet (or any more) would start with.
    /// </summary>
    public RateLimitPartition<string> Reported<TLimiter>(HttpContext context, string policy, string key, long quota, TimeSpan window, Func<TLimiter> create)
        where TLimiter : RateLimiter, IRateLimitStatusSource
    {
        RateLimitReport.Attach(context, this, policy, key, new RateLimitStatus(quota, window, quota, window));
        return RateLimitPartition.Get(key, _ =>
        {
            var limiter = create();
            limiters[(policy, key)] = limiter;
            return (RateLimiter)limiter;
        });
    }

    /// <summary>The partition's state now, or null when it has no limiter (never used, or discarded as idle).</summary>
    public RateLimitStatus? StatusOf(string policy, string key)
    {
        if (!limiters.TryGetValue((policy, key), out var limiter))
        {
            return null;
        }

        try
        {
            return limiter.CurrentStatus();
        }
        catch (ObjectDisposedException)
        {
            return null;
        }
    }

    private void Forget(string policy, string key, IRateLimitStatusSource limiter) =>
        limiters.TryRemove(new KeyValuePair<(string, string), IRateLimitStatusSource>((policy, key), limiter));
}
