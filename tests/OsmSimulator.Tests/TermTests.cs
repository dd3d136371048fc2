using System.Globalization;
using Microsoft.Extensions.Time.Testing;

namespace PatrolScores.OsmSimulator.Tests;

public sealed class TermTests
{
    [Theory]
    [InlineData("2026-11-23T10:00:00Z", "Autumn 2026", 50263L)]
    [InlineData("2026-12-20T23:30:00Z", "Autumn 2026", 50263L)]
    [InlineData("2026-12-21T00:00:00Z", null, null)]
    [InlineData("2027-01-04T00:00:00Z", "Spring 2027", 50271L)]
    [InlineData("2026-04-19T23:30:00Z", "Summer 2026", 50262L)]
    [InlineData("2026-08-15T12:00:00Z", null, null)]
    public void Current_term_follows_the_date_in_London(string utcNow, string? expectedName, long? expectedId)
    {
        var state = new SimulatorState(new FakeTimeProvider(DateTimeOffset.Parse(utcNow, CultureInfo.InvariantCulture)));

        var current = state.CurrentTerm(10001);

        Assert.Equal(expectedName, current?.Name);
        Assert.Equal(expectedId, current?.TermId);
    }

    [Fact]
    public void Terms_span_last_year_to_next_year_in_order_with_deterministic_ids()
    {
        var state = new SimulatorState(new FakeTimeProvider(SimulatorHost.DefaultNow));

        var terms = state.GetTerms(10001);

        Assert.Equal(
            ["Spring 2025", "Summer 2025", "Autumn 2025", "Spring 2026", "Summer 2026", "Autumn 2026", "Spring 2027", "Summer 2027", "Autumn 2027"],
            terms.Select(term => term.Name));
        Assert.Equal([50251L, 50252, 50253, 50261, 50262, 50263, 50271, 50272, 50273], terms.Select(term => term.TermId));
        Assert.Equal(terms.OrderBy(term => term.Start), terms);
        Assert.Equal(new SimulatedTerm(50262, "Summer 2026", new(2026, 4, 20), new(2026, 7, 20)), terms[4]);
        Assert.Equal(terms, state.GetTerms(20001));
    }

    [Fact]
    public void NoCurrentTerm_removes_only_the_covering_term()
    {
        var state = new SimulatorState(new FakeTimeProvider(SimulatorHost.DefaultNow)) { NoCurrentTerm = true };

        Assert.Null(state.CurrentTerm(10001));
        Assert.Equal(8, state.GetTerms(10001).Count);
    }

    [Fact]
    public async Task Overridden_terms_are_served_as_given()
    {
        await using var host = await SimulatorHost.StartAsync();
        host.State.SetTerms(10001, [
            new SimulatedTerm(7, "Later", new(2027, 1, 1), new(2027, 2, 1)),
            new SimulatedTerm(6, "Now", new(2026, 11, 1), new(2026, 11, 30)),
        ]);

        using var response = await host.GetAsync("oauth/resource", host.AccessToken());
        var sections = (await SimulatorHost.ReadJsonAsync(response))["data"]!["sections"]!.AsArray();

        Assert.Equal([7L, 6L], sections[0]!["terms"]!.AsArray().Select(term => (long)term!["term_id"]!));
        Assert.Equal(9, sections[1]!["terms"]!.AsArray().Count);
        Assert.Equal(6, host.State.CurrentTerm(10001)?.TermId);

        host.State.ClearTerms(10001);
        Assert.Equal(50263, host.State.CurrentTerm(10001)?.TermId);
    }

    [Fact]
    public async Task Resource_terms_move_with_the_fake_clock()
    {
        await using var host = await SimulatorHost.StartAsync(now: new DateTimeOffset(2026, 12, 21, 9, 0, 0, TimeSpan.Zero));
        using var holiday = await host.GetAsync("oauth/resource", host.AccessToken());
        host.Time.Advance(TimeSpan.FromDays(14));
        using var spring = await host.GetAsync("oauth/resource", host.AccessToken());

        Assert.Equal("2025", FirstTermYear(await SimulatorHost.ReadJsonAsync(holiday)));
        Assert.Equal("2026", FirstTermYear(await SimulatorHost.ReadJsonAsync(spring)));
        Assert.Equal("Spring 2027", host.State.CurrentTerm(10001)?.Name);
    }

    private static string FirstTermYear(System.Text.Json.Nodes.JsonNode body) =>
        ((string)body["data"]!["sections"]![0]!["terms"]![0]!["name"]!).Split(' ')[1];
}
