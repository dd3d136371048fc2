using Microsoft.Extensions.Time.Testing;
using PatrolScores.Gateway.Osm.Profile;

namespace PatrolScores.Gateway.Tests.Osm.Profile;

public sealed class TermCalendarTests
{
    private static readonly TimeZoneInfo London = TimeZoneInfo.FindSystemTimeZoneById("Europe/London");

    [Theory]
    // Clocks go forward at 01:00Z on 29 March 2026 and back at 01:00Z on 25 October 2026.
    [InlineData("2026-03-28T23:59:59Z", "2026-03-28")]
    [InlineData("2026-03-29T00:30:00Z", "2026-03-29")]
    [InlineData("2026-03-29T01:30:00Z", "2026-03-29")]
    [InlineData("2026-03-29T22:59:59Z", "2026-03-29")]
    [InlineData("2026-03-29T23:00:00Z", "2026-03-30")]
    [InlineData("2026-06-30T22:59:59Z", "2026-06-30")]
    [InlineData("2026-06-30T23:30:00Z", "2026-07-01")]
    [InlineData("2026-10-24T23:30:00Z", "2026-10-25")]
    [InlineData("2026-10-25T00:30:00Z", "2026-10-25")]
    [InlineData("2026-10-25T23:30:00Z", "2026-10-25")]
    [InlineData("2026-10-26T00:00:00Z", "2026-10-26")]
    [InlineData("2026-12-20T23:59:59Z", "2026-12-20")]
    public void Today_is_the_date_in_London(string utcNow, string expected)
    {
        var time = new FakeTimeProvider(DateTimeOffset.Parse(utcNow, provider: null));

        Assert.Equal(DateOnly.Parse(expected, provider: null), TermCalendar.Today(time, London));
    }

    [Fact]
    public void The_day_follows_the_clock()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 6, 30, 22, 30, 0, TimeSpan.Zero));
        Assert.Equal(new DateOnly(2026, 6, 30), TermCalendar.Today(time, London));

        time.Advance(TimeSpan.FromMinutes(30));

        Assert.Equal(new DateOnly(2026, 7, 1), TermCalendar.Today(time, London));
    }

    [Fact]
    public void The_zone_given_decides_not_the_time_provider_local_zone()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 6, 30, 23, 30, 0, TimeSpan.Zero));
        time.SetLocalTimeZone(TimeZoneInfo.FindSystemTimeZoneById("America/New_York"));

        Assert.Equal(new DateOnly(2026, 7, 1), TermCalendar.Today(time, London));
        Assert.Equal(new DateOnly(2026, 6, 30), TermCalendar.Today(time, TimeZoneInfo.Utc));
    }

    [Fact]
    public void The_last_evening_of_term_is_still_in_term()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 12, 20, 23, 59, 0, TimeSpan.Zero));
        var profile = OsmProfileReader.Read(ResourcePayload.Bytes(ResourcePayload.Example)).Profile!;

        Assert.Equal(TermLookupKind.Found, CurrentTermFinder.Find(profile, 10001, TermCalendar.Today(time, London)).Kind);

        time.Advance(TimeSpan.FromMinutes(1));

        Assert.Equal(TermLookupKind.NotInTerm, CurrentTermFinder.Find(profile, 10001, TermCalendar.Today(time, London)).Kind);
    }
}
