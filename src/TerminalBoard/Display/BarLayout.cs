namespace PatrolScores.TerminalBoard.Display;

/// <summary>One bar in character columns: it starts at <see cref="Start"/> and is <see cref="Length"/> wide.</summary>
internal readonly record struct Bar(int Start, int Length);

/// <summary>
/// Scales scores to bars in a given number of columns, proportional to the score, with a zero axis: when every
/// score is zero or more the axis is the left edge; when some are negative the columns are shared between the most
/// negative and the largest score, negative bars run left of the axis and positive ones right of it. A score that is
/// not zero always gets at least one column, so it never looks like zero.
/// </summary>
internal static class BarLayout
{
    /// <summary>The axis column and one bar per score, in <paramref name="width"/> columns (at least 1).</summary>
    public static (int Axis, IReadOnlyList<Bar> Bars) Scale(IReadOnlyList<decimal> scores, int width)
    {
        width = Math.Max(1, width);
        var low = Math.Min(0m, scores.Count == 0 ? 0m : scores.Min());
        var high = Math.Max(0m, scores.Count == 0 ? 0m : scores.Max());
        var range = high - low;
        if (range == 0)
        {
            return (0, [.. scores.Select(_ => new Bar(0, 0))]);
        }

        var axis = (int)Math.Round(-low / range * width, MidpointRounding.AwayFromZero);
        if (low < 0 && width > 1)
        {
            axis = Math.Max(1, axis); // a column left of the axis for the negative scores
        }

        if (high > 0 && width > 1)
        {
            axis = Math.Min(width - 1, axis); // and one right of it for the positive ones
        }

        var bars = new List<Bar>(scores.Count);
        foreach (var score in scores)
        {
            var length = (int)Math.Round(Math.Abs(score) / range * width, MidpointRounding.AwayFromZero);
            if (score != 0)
            {
                length = Math.Max(1, length);
            }

            bars.Add(score < 0 ? new Bar(Math.Max(0, axis - length), Math.Min(length, axis)) : new Bar(axis, Math.Min(length, width - axis)));
        }
        return (axis, bars);
    }
}
