using System.Globalization;
using System.Net;
using PatrolScores.Gateway.IntegrationTests.Infrastructure;
using PatrolScores.Gateway.Storage;
using PatrolScores.OsmSimulator;
using static PatrolScores.Gateway.IntegrationTests.Patrols.DeviceCalls;

namespace PatrolScores.Gateway.IntegrationTests.Patrols;

/// <summary>
/// Which term a device's scores come from: both ends of a term are in it, the day after the last one
/// is not, the next term is found when it starts, and "today" is the date in the configured time zone.
/// Simulator term ids: 50000 + (year − 2000) × 10 + 1 (spring, 4 Jan–10 Apr), 2 (summer, 20 Apr–20 Jul),
/// 3 (autumn, 1 Sep–20 Dec).
/// </summary>
public abstract class TermBoundaryTests
{
    protected abstract StorageMode Mode { get; }

    [SkippableFact]
    public async Task The_last_day_of_a_term_is_in_it_the_day_after_is_409_and_the_next_term_is_found()
    {
        await using var host = await StartAsync("2026-12-20T12:00:00Z");
        var token = await host.AddDeviceAsync();
        using var client = host.CreateClient();

        var lastDay = await GetAsync(client, token);

        Assert.Equal(["Badgers", "Eagles", "Wolves"], lastDay.Names);
        Assert.Equal("50263", UpstreamTermId(host));

        host.Time.Advance(TimeSpan.FromDays(1));
        var dayAfter = await GetErrorAsync(client, token);

        Assert.Equal(HttpStatusCode.Conflict, dayAfter.Status);
        Assert.Equal("not_in_term", dayAfter.Error);
        Assert.Equal(1, host.Osm.Calls(SimulatorEndpoints.Patrols));

        host.Time.Advance(Until(host, "2027-01-04T12:00:00Z"));
        var nextTerm = await GetAsync(client, token);

        Assert.Equal("MISS", nextTerm.Cache);
        Assert.Equal(["Badgers", "Eagles", "Wolves"], nextTerm.Names);
        Assert.Equal("50271", UpstreamTermId(host));
        Assert.Equal(2, host.Osm.Calls(SimulatorEndpoints.Patrols));
    }

    [SkippableFact]
    public async Task When_one_term_ends_and_the_next_starts_the_next_day_the_next_term_is_used()
    {
        await using var host = await StartAsync("2026-12-20T12:00:00Z");
        host.Osm.SetTerms(10001,
        [
            new SimulatedTerm(50901, "Term A", new DateOnly(2026, 9, 1), new DateOnly(2026, 12, 20)),
            new SimulatedTerm(50902, "Term B", new DateOnly(2026, 12, 21), new DateOnly(2027, 4, 10)),
        ]);
        var token = await host.AddDeviceAsync();
        using var client = host.CreateClient();

        await GetAsync(client, token);
        var termA = UpstreamTermId(host);
        host.Time.Advance(TimeSpan.FromDays(1));
        var nextDay = await GetAsync(client, token);

        Assert.Equal("50901", termA);
        Assert.Equal("MISS", nextDay.Cache);
        Assert.Equal("50902", UpstreamTermId(host));
        Assert.Equal(2, host.Osm.Calls(SimulatorEndpoints.Patrols));
    }

    [SkippableTheory]
    [InlineData("2026-12-20T23:30:00Z", null, "50263")] // GMT: still the 20th in London
    [InlineData("2026-12-20T23:30:00Z", "Europe/Paris", null)] // already the 21st in Paris
    [InlineData("2027-07-20T23:30:00Z", null, null)] // BST: the 21st in London, summer is over
    [InlineData("2027-04-19T23:30:00Z", null, "50272")] // BST: the 20th in London, summer has begun
    public async Task Today_is_the_date_in_the_configured_time_zone(string now, string? timeZone, string? expectedTermId)
    {
        var settings = timeZone is null ? null : new Dictionary<string, string?> { ["Osm:TimeZone"] = timeZone };
        await using var host = await StartAsync(now, settings);
        var token = await host.AddDeviceAsync();
        using var client = host.CreateClient();

        if (expectedTermId is null)
        {
            var error = await GetErrorAsync(client, token);
            Assert.Equal(HttpStatusCode.Conflict, error.Status);
            Assert.Equal("not_in_term", error.Error);
            Assert.Equal(0, host.Osm.Calls(SimulatorEndpoints.Patrols));
        }
        else
        {
            var answer = await GetAsync(client, token);
            Assert.Equal(["Badgers", "Eagles", "Wolves"], answer.Names);
            Assert.Equal(expectedTermId, UpstreamTermId(host));
        }
    }

    private async Task<PatrolsTestHost> StartAsync(string start, IDictionary<string, string?>? settings = null)
    {
        var host = await PatrolsTestHost.StartAsync(Mode, Instant(start), settings);

        // These tests move the clock by days; OSM token refresh is not what they are about.
        host.Osm.AccessTokenLifetime = TimeSpan.FromDays(90);
        return host;
    }

    private static string? UpstreamTermId(PatrolsTestHost host) =>
        host.Osm.LastRequest(SimulatorEndpoints.Patrols)?.QueryValue("termid");

    private static TimeSpan Until(PatrolsTestHost host, string instant) => Instant(instant) - host.Time.GetUtcNow();

    private static DateTimeOffset Instant(string value) =>
        DateTimeOffset.Parse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
}

public sealed class EmbeddedTermBoundaryTests : TermBoundaryTests
{
    protected override StorageMode Mode => StorageMode.Embedded;
}

public sealed class DistributedTermBoundaryTests : TermBoundaryTests
{
    protected override StorageMode Mode => StorageMode.Distributed;
}
