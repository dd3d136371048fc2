namespace PatrolScores.Gateway.Trends;

/// <summary>
/// A section's scores over a window, in buckets (<see cref="TrendBucketing.Build"/>): what <c>GET /api/v1/history</c>
/// answers and <see cref="TrendChart"/> draws. Buckets are aligned on UTC multiples of their length (a <c>1d</c> bucket
/// is a UTC day); the last one holds <see cref="AsOf"/> and is still filling.
/// </summary>
/// <param name="SectionId">The OSM section.</param>
/// <param name="Window">How far back the report reaches.</param>
/// <param name="Bucket">The length of one bucket.</param>
/// <param name="From">The first bucket's start (UTC).</param>
/// <param name="To">The last bucket's end (UTC): after <see cref="AsOf"/>, by less than one bucket.</param>
/// <param name="AsOf">When the report was made (the injected clock).</param>
/// <param name="Patrols">One line per patrol, in the newest snapshot's order, then patrols gone since (most recently seen first).</param>
/// <param name="BiggestClimb">This week's biggest climb (<see cref="TrendBucketing"/>), or null when no patrol gained points in it.</param>
public sealed record TrendReport(
    long SectionId,
    TrendWindow Window,
    TrendBucket Bucket,
    DateTimeOffset From,
    DateTimeOffset To,
    DateTimeOffset AsOf,
    IReadOnlyList<PatrolTrend> Patrols,
    BiggestClimb? BiggestClimb)
{
    /// <summary>Each bucket's start, oldest first (as many as <see cref="TrendBuckets.CountIn"/>).</summary>
    public IEnumerable<DateTimeOffset> BucketStarts
    {
        get
        {
            var count = Bucket.CountIn(Window);
            var length = Bucket.Length();
            for (var i = 0; i < count; i++)
            {
                yield return From + (i * length);
            }
        }
    }

    /// <summary>Whether any bucket of any patrol has a score (false: nothing was recorded for the section before <see cref="To"/>).</summary>
    public bool HasScores => Patrols.Any(patrol => patrol.Points.Any(point => point.Score is not null));
}

/// <summary>One patrol's line: its OSM id, its newest name, and one point per bucket, oldest first.</summary>
public sealed record PatrolTrend(string Id, string Name, IReadOnlyList<TrendPoint> Points);

/// <summary>
/// One bucket of one patrol. <paramref name="Score"/> is the patrol's points at the bucket's end (its last snapshot in
/// the bucket, else carried forward from earlier ones); null when the patrol had no score then (not yet recorded, or
/// gone from the section). <paramref name="Change"/> is <paramref name="Score"/> minus the previous bucket's (for the
/// first bucket: minus the score the window starts with); null when either is null.
/// </summary>
/// <param name="Start">The bucket's start (UTC); it ends one bucket length later.</param>
public sealed record TrendPoint(DateTimeOffset Start, int? Score, int? Change);

/// <summary>
/// "This week's biggest climb": the patrol whose points rose most over the last 7 days (the report's last 7 days of
/// buckets, the current one included): from <paramref name="From"/> (its score when the week began, or its first score
/// in the week) to <paramref name="To"/> (its score now), <paramref name="Change"/> = <paramref name="To"/> −
/// <paramref name="From"/>, always above 0. A tie goes to the patrol listed first.
/// </summary>
public sealed record BiggestClimb(string PatrolId, string Name, int Change, int From, int To);
