using PatrolScores.Gateway.Patrols.Fetching;
using PatrolScores.Gateway.Storage.Ephemeral;

namespace PatrolScores.Gateway.Patrols.Refreshing;

/// <summary>What the refresher does with a section it took from the queue (closed).</summary>
internal abstract record RefreshDecision
{
    private RefreshDecision()
    {
    }

    /// <summary>Fetch ahead of <c>valid_until</c>, paid by the section's user.</summary>
    internal sealed record Refresh : RefreshDecision;

    /// <summary>No replica marked it watched within <c>Refresh:WatchWindow</c>: forgotten, left to expire.</summary>
    internal sealed record Unwatched : RefreshDecision;

    /// <summary>OSM's <c>X-Blocked</c> or the user's 429 holds: no call; looked at again at <paramref name="RetryAt"/>.</summary>
    internal sealed record SkipForBlock(DateTimeOffset RetryAt) : RefreshDecision;

    /// <summary>The user's remaining quota is at or below <c>Refresh:QuotaReserve</c>: no call until the window resets.</summary>
    internal sealed record SkipForQuota(DateTimeOffset RetryAt) : RefreshDecision;
}

/// <summary>What is known of a taken section when deciding: when it was last watched, the blocks, the paying user's quota.</summary>
internal readonly record struct RefreshConditions(DateTimeOffset? LastWatched, bool ServiceBlocked, DateTimeOffset? UserBlockedUntil, QuotaSnapshot? Quota);

/// <summary>The refresher's rules, pure: whether a section is refreshed, and when it is due.</summary>
internal static class RefreshRules
{
    /// <summary>
    /// Unwatched first (nobody to serve), then blocks (<c>X-Blocked</c>: never call; a 429 window: OSM already
    /// refused), then the quota reserve (spare quota only: the reserve is kept for polls, pairing and score
    /// entry). Times to look again are spread per section (<see cref="RefreshSpread"/>), as a block's end is.
    /// </summary>
    public static RefreshDecision Decide(ScoreCacheKey key, RefreshConditions conditions, RefreshOptions refresh, FreshnessOptions freshness, DateTimeOffset now)
    {
        if (conditions.LastWatched is not { } watched || watched <= now - refresh.WatchWindow)
        {
            return new RefreshDecision.Unwatched();
        }

        if (conditions.ServiceBlocked)
        {
            return new RefreshDecision.SkipForBlock(now + freshness.BlockedRetry);
        }

        if (conditions.UserBlockedUntil is { } until && until > now)
        {
            return new RefreshDecision.SkipForBlock(RefreshSpread.After(until, key, freshness.BlockEndSpread));
        }

        if (conditions.Quota is { Remaining: { } remaining } quota && quota.ResetAt > now && remaining <= refresh.QuotaReserve)
        {
            return new RefreshDecision.SkipForQuota(RefreshSpread.After(quota.ResetAt, key, freshness.BlockEndSpread));
        }

        return new RefreshDecision.Refresh();
    }

    /// <summary>
    /// When a copy is due for a refresh: <paramref name="lead"/> before its <c>valid_until</c>, but never earlier
    /// than half-way between <c>cached_at</c> and <c>valid_until</c> (a lead longer than a short TTL would otherwise
    /// refresh at once, again and again); whole seconds. Because a refreshed copy's <c>valid_until</c> follows on
    /// from the old one, refreshes come one TTL apart either way.
    /// </summary>
    public static DateTimeOffset DueFor(ScoreEntry entry, TimeSpan lead)
    {
        var halfLife = (entry.ValidUntil - entry.CachedAt) / 2;
        var due = entry.ValidUntil - (lead < halfLife ? lead : halfLife);
        return DateTimeOffset.FromUnixTimeSeconds(due.ToUnixTimeSeconds());
    }
}
