namespace PatrolScores.Gateway.Awards;

/// <summary>What applying one submission came to (<see cref="AwardApplier"/>).</summary>
internal abstract record ApplyResult
{
    private ApplyResult()
    {
    }

    /// <summary>Every award of the submission is applied or failed for good.</summary>
    internal sealed record Settled : ApplyResult;

    /// <summary>OSM said no (a block, a 429, low quota, no answer): the section's queue waits until <paramref name="Until"/>.</summary>
    internal sealed record Deferred(DateTimeOffset Until, DeferralReason Reason) : ApplyResult;
}

/// <summary>Why a submission waits (shown to the leader).</summary>
internal enum DeferralReason
{
    /// <summary>OSM blocked the application (<c>X-Blocked</c>): nothing is sent until an operator lifts it.</summary>
    ServiceBlocked,

    /// <summary>The leader is over OSM's hourly limit (429), or would be left with less than <c>Awards:QuotaReserve</c>.</summary>
    QuotaExhausted,

    /// <summary>OSM did not answer usably (network, timeout, 5xx), or a store or another replica was busy.</summary>
    OsmUnavailable,
}
