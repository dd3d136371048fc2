using Microsoft.Extensions.Time.Testing;
using PatrolScores.Gateway.RateLimiting;

namespace PatrolScores.Gateway.Tests.RateLimiting;

public sealed class RateLimitFieldsTests
{
    [Theory]
    [InlineData("pairing-authorize", 6, 60_000, "\"pairing-authorize\";q=6;w=60")]
    [InlineData("tool-budget", 60, 3_600_000, "\"tool-budget\";q=60;w=3600")]
    [InlineData("pairing-code-entry", 3, 15_000, "\"pairing-code-entry\";q=3;w=15")]
    [InlineData("admin", 120, 1_500, "\"admin\";q=120;w=2")]
    [InlineData("admin", 1, 0, "\"admin\";q=1;w=1")]
    [InlineData("admin", -1, 60_000, "\"admin\";q=0;w=60")]
    [InlineData("say \"hi\\", 1, 1_000, "\"say \\\"hi\\\\\";q=1;w=1")]
    public void A_policy_is_a_quoted_name_with_its_quota_and_a_window_of_whole_seconds(string name, long quota, long windowMs, string expected) =>
        Assert.Equal(expected, RateLimitFields.Policy(name, quota, TimeSpan.FromMilliseconds(windowMs)));

    [Theory]
    [InlineData(3, 42_000, "\"p\";r=3;t=42")]
    [InlineData(3, 41_001, "\"p\";r=3;t=42")]
    [InlineData(0, 1, "\"p\";r=0;t=1")]
    [InlineData(0, 0, "\"p\";r=0;t=0")]
    [InlineData(-2, -5_000, "\"p\";r=0;t=0")]
    public void A_limit_never_goes_below_zero_and_rounds_its_reset_up(long remaining, long resetMs, string expected) =>
        Assert.Equal(expected, RateLimitFields.Limit("p", remaining, TimeSpan.FromMilliseconds(resetMs)));

    [Theory]
    [InlineData("tab\there")]
    [InlineData("é")]
    public void A_name_outside_printable_ascii_is_refused(string name) =>
        Assert.Throws<ArgumentException>(() => RateLimitFields.Policy(name, 1, TimeSpan.FromSeconds(1)));

    [Fact]
    public void The_reset_of_a_window_counts_down_in_whole_seconds_on_the_clock()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 23, 14, 30, 0, TimeSpan.Zero));
        var windowEnd = time.GetUtcNow().AddMinutes(1);
        var fields = new List<string>();
        foreach (var step in new[] { 0, 500, 500, 58_999, 1 })
        {
            time.Advance(TimeSpan.FromMilliseconds(step));
            fields.Add(RateLimitFields.Limit("p", 1, windowEnd - time.GetUtcNow()));
        }

        Assert.Equal(["\"p\";r=1;t=60", "\"p\";r=1;t=60", "\"p\";r=1;t=59", "\"p\";r=1;t=1", "\"p\";r=1;t=0"], fields);
    }

    [Fact]
    public void The_header_names_are_the_drafts()
    {
        Assert.Equal("RateLimit-Policy", RateLimitFields.PolicyHeader);
        Assert.Equal("RateLimit", RateLimitFields.Header);
    }
}
