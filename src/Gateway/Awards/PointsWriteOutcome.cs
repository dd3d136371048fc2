namespace PatrolScores.Gateway.Awards;

/// <summary>What one <c>updatePatrolPoints</c> call came to (<see cref="PointsWriter"/>): a closed set.</summary>
internal abstract record PointsWriteOutcome
{
    private PointsWriteOutcome()
    {
    }

    /// <summary>OSM answered 200. Only the read-back says whether it stored the points.</summary>
    internal sealed record Answered : PointsWriteOutcome;

    /// <summary>Nothing reached OSM, or OSM refused before storing (429): send again after <paramref name="Until"/>.</summary>
    internal sealed record NotSent(DateTimeOffset Until) : PointsWriteOutcome;

    /// <summary>OSM answered another 4xx: our request was wrong or not allowed; never retried.</summary>
    internal sealed record Rejected(int StatusCode) : PointsWriteOutcome;

    /// <summary>
    /// No usable answer (timeout, network, 5xx, <c>X-Blocked</c> on the answer): the write may or may not have landed.
    /// The award stays <c>writing</c> and is settled by reading OSM after <paramref name="RetryAt"/>.
    /// </summary>
    internal sealed record Unknown(DateTimeOffset RetryAt) : PointsWriteOutcome;

    /// <summary>The leader's OSM grant is gone: nothing was sent.</summary>
    internal sealed record ReauthorizationRequired : PointsWriteOutcome;
}
