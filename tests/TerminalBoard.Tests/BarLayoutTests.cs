using PatrolScores.TerminalBoard.Display;

namespace PatrolScores.TerminalBoard.Tests;

/// <summary>Bars proportional to the scores, with a zero axis when some are negative.</summary>
public sealed class BarLayoutTests
{
    [Fact]
    public void Positive_scores_start_at_the_left_edge_and_the_largest_fills_the_width()
    {
        var (axis, bars) = BarLayout.Scale([47m, 32m, 0m], 47);

        Assert.Equal(0, axis);
        Assert.Equal([new Bar(0, 47), new Bar(0, 32), new Bar(0, 0)], bars);
    }

    [Fact]
    public void Negative_scores_run_left_of_the_axis_and_positive_ones_right_of_it()
    {
        var (axis, bars) = BarLayout.Scale([-20m, 10m, 60m], 80);

        Assert.Equal(20, axis);
        Assert.Equal([new Bar(0, 20), new Bar(20, 10), new Bar(20, 60)], bars);
    }

    [Theory]
    [InlineData(1, 1000, 40)] // a small score still shows
    [InlineData(-1, 1000, 40)] // a small negative one too, left of an axis moved off the edge
    public void A_score_that_is_not_zero_gets_a_column(int small, int large, int width)
    {
        var (axis, bars) = BarLayout.Scale([small, large], width);

        Assert.Equal(1, bars[0].Length);
        Assert.Equal(small < 0 ? axis - 1 : axis, bars[0].Start);
        Assert.True(bars[1].Start + bars[1].Length <= width);
    }

    [Fact]
    public void All_zero_or_none_draws_nothing()
    {
        Assert.All(BarLayout.Scale([0m, 0m], 10).Bars, bar => Assert.Equal(0, bar.Length));
        Assert.Empty(BarLayout.Scale([], 10).Bars);
    }

    [Fact]
    public void Only_negative_scores_end_at_the_right_edge()
    {
        var (axis, bars) = BarLayout.Scale([-10m, -5m], 10);

        Assert.Equal(10, axis);
        Assert.Equal([new Bar(0, 10), new Bar(5, 5)], bars);
    }
}
