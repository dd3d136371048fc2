namespace PatrolScores.LiveRun;

/// <summary>p50/p90/p99/max of a set of samples (milliseconds), by the nearest-rank method: no interpolation.</summary>
internal readonly record struct Percentiles(int Count, double Min, double P50, double P90, double P99, double Max)
{
    public static Percentiles Of(IReadOnlyCollection<double> samples)
    {
        if (samples.Count == 0)
        {
            return new Percentiles(0, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN);
        }

        var sorted = samples.ToArray();
        Array.Sort(sorted);
        return new Percentiles(sorted.Length, sorted[0], Rank(sorted, 50), Rank(sorted, 90), Rank(sorted, 99), sorted[^1]);
    }

    /// <summary>The smallest sample with at least <paramref name="percent"/>% of the samples at or below it.</summary>
    public static double Rank(double[] sorted, double percent)
    {
        var rank = (int)Math.Ceiling(percent / 100 * sorted.Length);
        return sorted[Math.Clamp(rank, 1, sorted.Length) - 1];
    }
}
