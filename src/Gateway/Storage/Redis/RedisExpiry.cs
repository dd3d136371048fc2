namespace PatrolScores.Gateway.Storage.Redis;

/// <summary>
/// Redis expires keys by its own clock; values also carry their end so readers can judge them by the
/// injected <see cref="TimeProvider"/>. The key's TTL only collects garbage, so it never cuts a value short.
/// </summary>
internal static class RedisExpiry
{
    private static readonly TimeSpan Minimum = TimeSpan.FromSeconds(1);

    public static TimeSpan Until(DateTimeOffset end, TimeProvider time)
    {
        var remaining = end - time.GetUtcNow();
        return remaining < Minimum ? Minimum : remaining;
    }
}
