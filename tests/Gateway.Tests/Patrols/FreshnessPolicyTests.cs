using PatrolScores.Gateway.Patrols;

namespace PatrolScores.Gateway.Tests.Patrols;

public sealed class FreshnessPolicyTests
{
    [Theory]
    [InlineData(300, 5, RateLimitState.None)]
    [InlineData(200, 5, RateLimitState.None)]
    [InlineData(150, 10, RateLimitState.Degraded)]
    [InlineData(90, 15, RateLimitState.Degraded)]
    [InlineData(10, 30, RateLimitState.Degraded)]
    [InlineData(0, 30, RateLimitState.Degraded)]
    public void Remaining_decides_the_ttl_and_the_state(int remaining, int minutes, RateLimitState state)
    {
        var policy = Policy(new FreshnessOptions());

        Assert.Equal(TimeSpan.FromMinutes(minutes), policy.TtlFor(remaining));
        Assert.Equal(state, policy.StateFor(remaining));
    }

    [Fact]
    public void A_missing_remaining_header_is_unknown_not_zero()
    {
        var policy = Policy(new FreshnessOptions());

        Assert.Equal(TimeSpan.FromMinutes(5), policy.TtlFor(null));
        Assert.Equal(RateLimitState.None, policy.StateFor(null));
    }

    [Fact]
    public void Configured_thresholds_change_the_outcome()
    {
        var options = new FreshnessOptions
        {
            DefaultTtl = TimeSpan.FromMinutes(2),
            DegradedBelow = 500,
            WarnBelow = 100,
            Tiers = [new() { RemainingBelow = 500, Ttl = TimeSpan.FromMinutes(20) }, new() { RemainingBelow = 50, Ttl = TimeSpan.FromHours(1) }],
        };
        var policy = Policy(options);

        Assert.Equal(TimeSpan.FromMinutes(2), policy.TtlFor(600));
        Assert.Equal(TimeSpan.FromMinutes(20), policy.TtlFor(300));
        Assert.Equal(RateLimitState.Degraded, policy.StateFor(300));
        Assert.Equal(TimeSpan.FromHours(1), policy.TtlFor(10));
    }

    [Fact]
    public void Invalid_settings_are_named()
    {
        var options = new FreshnessOptions
        {
            DefaultTtl = TimeSpan.Zero,
            Tiers = [new() { RemainingBelow = 0, Ttl = TimeSpan.FromMinutes(1) }, new() { RemainingBelow = 50, Ttl = TimeSpan.FromDays(30) }],
        };

        var failures = new FreshnessOptionsValidator().Validate(null, options).Failures!;

        Assert.Contains(failures, f => f.StartsWith("Freshness:DefaultTtl", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("Freshness:Tiers:0:RemainingBelow", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("Freshness:Tiers:1:Ttl must not exceed", StringComparison.Ordinal));
    }

    private static FreshnessPolicy Policy(FreshnessOptions options) => new(new StaticFreshnessMonitor(options));
}
