using PatrolScores.TerminalBoard.Display;
using PatrolScores.TerminalBoard.Scores;

namespace PatrolScores.TerminalBoard.Tests;

/// <summary>The words under the bars, from rate_limit_state, cache_expires_at and blocked_until.</summary>
public sealed class BoardStatusTests
{
    private static readonly DateTimeOffset Cached = new(2026, 11, 23, 14, 30, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Expires = Cached.AddMinutes(5);

    [Theory]
    [InlineData("NONE", 1, "Fresh: scores from 14:30:00, good until 14:35:00", nameof(StatusLevel.Good))]
    [InlineData(null, 1, "Fresh: scores from 14:30:00, good until 14:35:00", nameof(StatusLevel.Good))]
    [InlineData("NONE", 6, "Stale: scores from 14:30:00, expired at 14:35:00", nameof(StatusLevel.Warning))]
    [InlineData("DEGRADED", 1, "Slowed: OSM quota running low; scores from 14:30:00, good until 14:35:00", nameof(StatusLevel.Warning))]
    [InlineData("USER_TEMPORARY_BLOCK", 6, "Limited: OSM's hourly limit is used up; scores from 14:30:00, new ones after 14:35:00", nameof(StatusLevel.Warning))]
    [InlineData("SERVICE_BLOCKED", 1, "Service blocked by OSM: contact your admin (scores from 14:30:00 hidden)", nameof(StatusLevel.Problem))]
    public void A_copy_is_described_by_its_state_and_the_clock(string? state, int minutesLater, string text, string level)
    {
        var snapshot = new PatrolsSnapshot([], true, Cached, Expires, state, null);

        Assert.Equal(new StatusLine(text, Enum.Parse<StatusLevel>(level)), BoardStatus.Of(snapshot, Cached.AddMinutes(minutesLater), TimeZoneInfo.Utc));
    }

    [Fact]
    public void Errors_say_when_the_scores_return()
    {
        var now = Cached;
        Assert.Equal("Limited: OSM's hourly limit is used up; no scores until 15:00:00",
            BoardStatus.OfError(429, new ErrorBody("rate_limited", "m", Cached.AddMinutes(30)), null, TimeZoneInfo.Utc).Text);
        Assert.Equal("Service blocked by OSM: contact your admin", BoardStatus.OfError(503, new ErrorBody("service_blocked", "m", null), null, TimeZoneInfo.Utc).Text);
        Assert.Equal("Gateway answered 502 upstream_error; trying again at 14:30:05",
            BoardStatus.OfError(502, new ErrorBody("upstream_error", "m", null), now.AddSeconds(5), TimeZoneInfo.Utc).Text);
    }

    [Fact]
    public void Times_are_shown_in_the_given_zone()
    {
        var zone = TimeZoneInfo.CreateCustomTimeZone("plus-one", TimeSpan.FromHours(1), "plus-one", "plus-one");

        Assert.Equal("15:30:00", BoardStatus.Clock(Cached, zone));
    }
}
