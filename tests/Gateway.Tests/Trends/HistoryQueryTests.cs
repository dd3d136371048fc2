using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;
using PatrolScores.Gateway.Trends;

namespace PatrolScores.Gateway.Tests.Trends;

/// <summary>What <c>GET /api/v1/history</c> accepts as window and bucket, and the retention it may be configured with.</summary>
public sealed class HistoryQueryTests
{
    [Theory]
    [InlineData("window=7d&bucket=1h", null)]
    [InlineData("window=30d&bucket=1h", null)]
    [InlineData("window=90d&bucket=6h", null)]
    [InlineData("window=90d&bucket=1d", null)]
    [InlineData("bucket=1d", "window must be 7d, 30d or 90d")]
    [InlineData("window=14d&bucket=1d", "window must be 7d, 30d or 90d")]
    [InlineData("window=7d", "bucket must be 1h, 6h or 1d")]
    [InlineData("window=7d&bucket=15m", "bucket must be 1h, 6h or 1d")]
    [InlineData("window=90d&bucket=1h", "90d in 1h buckets is 2160 buckets, over 720: use 6h or 1d")]
    public void Window_and_bucket_are_closed_lists_with_at_most_720_buckets(string query, string? problem)
    {
        var parsed = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(query);

        var (_, _, found) = HistoryEndpoint.ReadQuery(new QueryCollection(parsed.ToDictionary(pair => pair.Key, pair => (StringValues)pair.Value)));

        Assert.Equal(problem, found);
    }

    [Theory]
    [InlineData("90.00:00:00", true)]
    [InlineData("400.00:00:00", true)]
    [InlineData("89.23:59:59", false)]
    public void Retention_covers_the_longest_window(string retention, bool valid)
    {
        var result = new HistoryOptionsValidator().Validate(null, new HistoryOptions { SnapshotRetention = TimeSpan.Parse(retention, System.Globalization.CultureInfo.InvariantCulture) });

        Assert.Equal(valid, result.Succeeded);
        if (!valid)
        {
            Assert.StartsWith("History:SnapshotRetention: must be at least 90.00:00:00", result.FailureMessage, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Retention_defaults_to_400_days() => Assert.Equal(TimeSpan.FromDays(400), new HistoryOptions().SnapshotRetention);
}
