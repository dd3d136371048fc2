namespace PatrolScores.Gateway.Patrols.Refreshing;

/// <summary>How one taken section ended, as counted by <c>patrols_refreshes_total{outcome}</c>.</summary>
internal enum RefreshOutcome
{
    /// <summary>OSM was asked and a new copy stored (boards nudged only if the scores changed).</summary>
    Refreshed,

    /// <summary>Nothing to do: a poll or another replica had already brought the copy up to date; no call.</summary>
    AlreadyFresh,

    /// <summary>Not refreshed: the paying user's remaining quota was at or below <c>Refresh:QuotaReserve</c>.</summary>
    SkippedQuota,

    /// <summary>Not refreshed: <c>X-Blocked</c> or the user's 429 window held (seen before the call, or by the guard).</summary>
    SkippedBlock,

    /// <summary>Nobody watches the section any more: forgotten, left to expire.</summary>
    Unwatched,

    /// <summary>The fetch failed (OSM, network, payload, credentials, a store); retried at the fetcher's next attempt time.</summary>
    Failed,
}

internal static class RefreshOutcomeNames
{
    public static string Of(RefreshOutcome outcome) => outcome switch
    {
        RefreshOutcome.Refreshed => "refreshed",
        RefreshOutcome.AlreadyFresh => "already_fresh",
        RefreshOutcome.SkippedQuota => "skipped_quota",
        RefreshOutcome.SkippedBlock => "skipped_block",
        RefreshOutcome.Unwatched => "unwatched",
        RefreshOutcome.Failed => "failed",
        _ => throw new ArgumentOutOfRangeException(nameof(outcome), outcome, null),
    };
}
