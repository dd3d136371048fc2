namespace PatrolScores.Gateway.Trends;

/// <summary>How long one step of a trend is: the <c>bucket</c> of <c>GET /api/v1/history</c> (<c>1h</c>, <c>6h</c>, <c>1d</c>).</summary>
public enum TrendBucket
{
    /// <summary><c>1h</c>: one hour.</summary>
    OneHour,

    /// <summary><c>6h</c>: six hours.</summary>
    SixHours,

    /// <summary><c>1d</c>: one day.</summary>
    OneDay,
}

/// <summary>The wire names and lengths of <see cref="TrendBucket"/>; the one parser of the <c>bucket</c> parameter.</summary>
public static class TrendBuckets
{
    private static readonly WireNames<TrendBucket> Wire = new("1h", "6h", "1d");

    /// <summary>The accepted wire names, in order.</summary>
    public static IReadOnlyList<string> Names => Wire.All;

    /// <summary>
    /// The most buckets one report may have: 720 (30 days of hours). 90 days of hours (2,160 buckets, about 100 KB of
    /// JSON per patrol) is refused: no chart can show it and a board should not parse it; ask for <c>6h</c> or <c>1d</c>.
    /// </summary>
    public const int MaxCount = 720;

    /// <summary>The bucket for a wire name (exact, case-sensitive); false for anything else.</summary>
    public static bool TryParse(string? text, out TrendBucket bucket) => Wire.TryParse(text, out bucket);

    /// <summary>The wire name: <c>1h</c>, <c>6h</c> or <c>1d</c>.</summary>
    public static string ToWire(this TrendBucket bucket) => Wire.Of(bucket);

    /// <summary>The bucket's length: 1 hour, 6 hours or 1 day.</summary>
    public static TimeSpan Length(this TrendBucket bucket) => TimeSpan.FromHours(bucket switch
    {
        TrendBucket.OneHour => 1,
        TrendBucket.SixHours => 6,
        TrendBucket.OneDay => 24,
        _ => throw new ArgumentOutOfRangeException(nameof(bucket), bucket, "Not a trend bucket."),
    });

    /// <summary>How many buckets <paramref name="window"/> holds (each window is a whole number of each bucket): 7 to 2,160.</summary>
    public static int CountIn(this TrendBucket bucket, TrendWindow window) => (int)(window.Length() / bucket.Length());

    /// <summary>Whether a report of <paramref name="window"/> in <paramref name="bucket"/> steps is allowed (at most <see cref="MaxCount"/> buckets).</summary>
    public static bool IsAllowedFor(this TrendBucket bucket, TrendWindow window) => bucket.CountIn(window) <= MaxCount;
}
