namespace PatrolScores.LiveRun.Tests;

public sealed class PercentilesTests
{
    [Fact]
    public void Nearest_rank_of_one_to_a_hundred_is_the_percent_itself()
    {
        var samples = Enumerable.Range(1, 100).Select(i => (double)i).Reverse().ToList();

        var p = Percentiles.Of(samples);

        Assert.Equal((100, 1d, 50d, 90d, 99d, 100d), (p.Count, p.Min, p.P50, p.P90, p.P99, p.Max));
    }

    [Fact]
    public void With_few_samples_the_p99_is_the_maximum()
    {
        var p = Percentiles.Of([3.0, 1.0, 2.0]);

        Assert.Equal((2d, 3d, 3d), (p.P50, p.P99, p.Max));
    }

    [Fact]
    public void A_thousand_samples_put_the_p99_at_the_990th()
    {
        var samples = Enumerable.Range(1, 1000).Select(i => i / 10.0).ToList();

        Assert.Equal(99.0, Percentiles.Of(samples).P99);
    }

    [Fact]
    public void No_samples_give_no_figures() =>
        Assert.True(double.IsNaN(Percentiles.Of([]).P99));
}
