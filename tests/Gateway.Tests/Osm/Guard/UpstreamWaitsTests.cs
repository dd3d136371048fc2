using PatrolScores.Gateway.Osm.Guard;

namespace PatrolScores.Gateway.Tests.Osm.Guard;

/// <summary>Waits taken from OSM's headers, bounded to [1 s, Freshness:MaxUpstreamWait] (an hour here).</summary>
public sealed class UpstreamWaitsTests
{
    private static readonly TimeSpan Hour = TimeSpan.FromHours(1);
    private static readonly TimeSpan DefaultBlock = TimeSpan.FromMinutes(10);

    [Theory]
    [InlineData(600, null, 600, "RetryAfter", false)]
    [InlineData(600, 1200, 600, "RetryAfter", false)]
    [InlineData(null, 1200, 1200, "RateLimitReset", false)]
    [InlineData(null, null, 600, "Default", false)]
    [InlineData(3600, null, 3600, "RetryAfter", false)]
    [InlineData(3601, null, 3600, "RetryAfter", true)]
    [InlineData(null, 1796050000, 3600, "RateLimitReset", true)]
    [InlineData(int.MaxValue, null, 3600, "RetryAfter", true)]
    [InlineData(0, 1200, 1, "RetryAfter", true)]
    [InlineData(null, 0, 1, "RateLimitReset", true)]
    public void A_user_block_takes_retry_after_then_reset_then_the_default_bounded(int? retryAfter, int? reset, int expectedSeconds, string source, bool clamped)
    {
        var wait = UpstreamWaits.UserBlock(retryAfter, reset, DefaultBlock, Hour);

        Assert.Equal(TimeSpan.FromSeconds(expectedSeconds), wait.Wait);
        Assert.Equal(Enum.Parse<UpstreamWaitSource>(source), wait.Source);
        Assert.Equal(clamped, wait.Clamped);
    }

    [Theory]
    [InlineData(1800, 1800, false)]
    [InlineData(null, 3600, false)]
    [InlineData(1796050000, 3600, true)]
    [InlineData(0, 1, true)]
    public void A_quota_window_resets_when_osm_says_bounded(int? reset, int expectedSeconds, bool clamped)
    {
        var wait = UpstreamWaits.QuotaReset(reset, Hour);

        Assert.Equal(TimeSpan.FromSeconds(expectedSeconds), wait.Wait);
        Assert.Equal(clamped, wait.Clamped);
    }

    [Fact]
    public void A_quota_window_without_a_reset_header_is_an_hour_unless_the_maximum_is_shorter()
    {
        Assert.Equal(TimeSpan.FromMinutes(30), UpstreamWaits.QuotaReset(null, TimeSpan.FromMinutes(30)).Wait);
    }
}
