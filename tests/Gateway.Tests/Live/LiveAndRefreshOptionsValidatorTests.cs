using PatrolScores.Gateway.Live;
using PatrolScores.Gateway.Patrols.Refreshing;

namespace PatrolScores.Gateway.Tests.Live;

public sealed class LiveAndRefreshOptionsValidatorTests
{
    [Fact]
    public void The_defaults_are_valid()
    {
        Assert.True(new LiveOptionsValidator().Validate(null, new LiveOptions()).Succeeded);
        Assert.True(new RefreshOptionsValidator().Validate(null, new RefreshOptions()).Succeeded);
    }

    [Theory]
    [InlineData("IdleTimeout", "00:00:59", "Live:IdleTimeout")]
    [InlineData("IdleTimeout", "1.00:00:01", "Live:IdleTimeout")]
    [InlineData("KeepAliveInterval", "00:00:04", "Live:KeepAliveInterval")]
    [InlineData("KeepAliveTimeout", "00:00:00", "Live:KeepAliveTimeout")]
    [InlineData("KeepAliveTimeout", "00:05:01", "Live:KeepAliveTimeout")]
    public void Live_timings_out_of_range_are_refused_naming_the_key(string property, string value, string key)
    {
        var options = new LiveOptions();
        typeof(LiveOptions).GetProperty(property)!.SetValue(options, TimeSpan.Parse(value, System.Globalization.CultureInfo.InvariantCulture));

        var result = new LiveOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        Assert.Contains(key, result.FailureMessage, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(nameof(RefreshOptions.Lead), "00:00:00", "Refresh:Lead")]
    [InlineData(nameof(RefreshOptions.Lead), "00:05:01", "Refresh:Lead")]
    [InlineData(nameof(RefreshOptions.Interval), "00:00:00.500", "Refresh:Interval")]
    [InlineData(nameof(RefreshOptions.Interval), "00:01:01", "Refresh:Interval")]
    [InlineData(nameof(RefreshOptions.WatchWindow), "00:00:59", "Refresh:WatchWindow")]
    [InlineData(nameof(RefreshOptions.WatchWindow), "1.00:00:01", "Refresh:WatchWindow")]
    public void Refresh_timings_out_of_range_are_refused_naming_the_key(string property, string value, string key)
    {
        var options = new RefreshOptions();
        typeof(RefreshOptions).GetProperty(property)!.SetValue(options, TimeSpan.Parse(value, System.Globalization.CultureInfo.InvariantCulture));

        var result = new RefreshOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        Assert.Contains(key, result.FailureMessage, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(-1, 50, "Refresh:QuotaReserve")]
    [InlineData(10_001, 50, "Refresh:QuotaReserve")]
    [InlineData(100, 0, "Refresh:MaxPerPass")]
    [InlineData(100, 1_001, "Refresh:MaxPerPass")]
    public void Refresh_counts_out_of_range_are_refused_naming_the_key(int reserve, int maxPerPass, string key)
    {
        var result = new RefreshOptionsValidator().Validate(null, new RefreshOptions { QuotaReserve = reserve, MaxPerPass = maxPerPass });

        Assert.True(result.Failed);
        Assert.Contains(key, result.FailureMessage, StringComparison.Ordinal);
    }
}
