using System.Globalization;
using PatrolScores.Gateway.Osm.Profile;

namespace PatrolScores.Gateway.Tests.Osm.Profile;

public sealed class CurrentTermFinderTests
{
    private const long WithGap = 10001;
    private const long Adjacent = 20001;
    private const long Overlapping = 30001;
    private const long SameStart = 40001;
    private const long NoTerms = 50001;

    /// <summary>Sections as OSM might list them; several deliberately out of chronological order.</summary>
    private static readonly OsmProfile Profile = new(100001,
    [
        new OsmSection(WithGap, "Example Scouts",
        [
            Term(50001, "Autumn 2026", "2026-09-01", "2026-12-20"),
            Term(50002, "Spring 2027", "2027-01-04", "2027-04-10"),
        ]),
        new OsmSection(Adjacent, "Example Cubs",
        [
            Term(60001, "Autumn 2026", "2026-09-01", "2026-12-20"),
            Term(60002, "Spring 2027", "2026-12-21", "2027-04-10"),
        ]),
        new OsmSection(Overlapping, "Example Beavers",
        [
            Term(70002, "Spring 2027", "2026-12-01", "2027-04-10"),
            Term(70001, "Autumn 2026", "2026-09-01", "2026-12-20"),
        ]),
        new OsmSection(SameStart, "Example Explorers",
        [
            Term(80002, "Long autumn", "2026-09-01", "2027-01-10"),
            Term(80001, "Autumn 2026", "2026-09-01", "2026-12-20"),
            Term(80004, "Summer copy", "2027-05-01", "2027-07-01"),
            Term(80003, "Summer", "2027-05-01", "2027-07-01"),
        ]),
        new OsmSection(NoTerms, "Example Network", []),
    ]);

    /// <summary>Section, today, expected kind (a <see cref="TermLookupKind"/> name), term id and term end.</summary>
    public static TheoryData<long, string, string, long?, string?> Table => new()
    {
        // The documented example: a holiday gap between terms.
        { WithGap, "2026-08-31", nameof(TermLookupKind.NotInTerm), null, null },
        { WithGap, "2026-09-01", nameof(TermLookupKind.Found), 50001, "2026-12-20" },
        { WithGap, "2026-10-15", nameof(TermLookupKind.Found), 50001, "2026-12-20" },
        { WithGap, "2026-12-20", nameof(TermLookupKind.Found), 50001, "2026-12-20" },
        { WithGap, "2026-12-21", nameof(TermLookupKind.NotInTerm), null, null },
        { WithGap, "2027-01-03", nameof(TermLookupKind.NotInTerm), null, null },
        { WithGap, "2027-01-04", nameof(TermLookupKind.Found), 50002, "2027-04-10" },
        { WithGap, "2027-04-10", nameof(TermLookupKind.Found), 50002, "2027-04-10" },
        { WithGap, "2027-04-11", nameof(TermLookupKind.NotInTerm), null, null },

        // Adjacent terms: the day after one ends is the next one's first day.
        { Adjacent, "2026-12-20", nameof(TermLookupKind.Found), 60001, "2026-12-20" },
        { Adjacent, "2026-12-21", nameof(TermLookupKind.Found), 60002, "2027-04-10" },

        // Overlapping terms: the later start wins while both cover the day.
        { Overlapping, "2026-11-30", nameof(TermLookupKind.Found), 70001, "2026-12-20" },
        { Overlapping, "2026-12-01", nameof(TermLookupKind.Found), 70002, "2027-04-10" },
        { Overlapping, "2026-12-20", nameof(TermLookupKind.Found), 70002, "2027-04-10" },
        { Overlapping, "2026-12-21", nameof(TermLookupKind.Found), 70002, "2027-04-10" },

        // Same start: the later end wins; same start and end: the higher term id wins.
        { SameStart, "2026-09-01", nameof(TermLookupKind.Found), 80002, "2027-01-10" },
        { SameStart, "2026-12-20", nameof(TermLookupKind.Found), 80002, "2027-01-10" },
        { SameStart, "2027-01-11", nameof(TermLookupKind.NotInTerm), null, null },
        { SameStart, "2027-06-01", nameof(TermLookupKind.Found), 80004, "2027-07-01" },

        // A section without terms, and sections the profile does not hold.
        { NoTerms, "2026-10-15", nameof(TermLookupKind.NotInTerm), null, null },
        { 99999, "2026-10-15", nameof(TermLookupKind.SectionNotFound), null, null },
        { 0, "2026-10-15", nameof(TermLookupKind.SectionNotFound), null, null },
    };

    [Theory]
    [MemberData(nameof(Table))]
    public void Finds_the_term_covering_the_day(long sectionId, string today, string kind, long? termId, string? termEnd)
    {
        var lookup = CurrentTermFinder.Find(Profile, sectionId, Day(today));

        Assert.Equal(new TermLookup(Enum.Parse<TermLookupKind>(kind), termId, termEnd is null ? null : Day(termEnd)), lookup);
    }

    [Theory]
    [MemberData(nameof(Table))]
    public void The_order_terms_come_in_does_not_matter(long sectionId, string today, string kind, long? termId, string? termEnd)
    {
        var reversed = Profile with
        {
            Sections = [.. Profile.Sections.Reverse().Select(section => section with { Terms = [.. section.Terms.Reverse()] })],
        };

        var lookup = CurrentTermFinder.Find(reversed, sectionId, Day(today));

        Assert.Equal(new TermLookup(Enum.Parse<TermLookupKind>(kind), termId, termEnd is null ? null : Day(termEnd)), lookup);
    }

    [Fact]
    public void The_documented_example_is_in_its_autumn_term_on_the_last_day()
    {
        var profile = OsmProfileReader.Read(ResourcePayload.Bytes(ResourcePayload.Example)).Profile!;

        var lookup = CurrentTermFinder.Find(profile, 10001, new DateOnly(2026, 12, 20));

        Assert.Equal(TermLookup.Found(50001, new DateOnly(2026, 12, 20)), lookup);
    }

    private static OsmTerm Term(long id, string name, string start, string end) => new(id, name, Day(start), Day(end));

    private static DateOnly Day(string text) => DateOnly.ParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture);
}
