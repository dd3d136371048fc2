namespace PatrolScores.OsmSimulator.State;

/// <summary>
/// Terms for every section, computed from today: Spring (4 Jan to 10 Apr), Summer (20 Apr to 20 Jul)
/// and Autumn (1 Sep to 20 Dec) of last year, this year and next year, in order. Term ids are the same
/// for every section: 50000 + (year - 2000) * 10 + 1, 2 or 3 (Autumn 2026 is 50263). A section's terms
/// can be replaced, and are then served as given.
/// </summary>
internal sealed class TermCalendar
{
    private readonly Lock _gate = new();
    private readonly Dictionary<long, IReadOnlyList<SimulatedTerm>> _overrides = [];

    public static IReadOnlyList<SimulatedTerm> Computed(DateOnly today)
    {
        var terms = new List<SimulatedTerm>(9);
        for (var year = today.Year - 1; year <= today.Year + 1; year++)
        {
            terms.Add(Term(year, 1, "Spring", new(year, 1, 4), new(year, 4, 10)));
            terms.Add(Term(year, 2, "Summer", new(year, 4, 20), new(year, 7, 20)));
            terms.Add(Term(year, 3, "Autumn", new(year, 9, 1), new(year, 12, 20)));
        }

        return terms;
    }

    public IReadOnlyList<SimulatedTerm> For(long sectionId, DateOnly today, bool withoutCurrent)
    {
        IReadOnlyList<SimulatedTerm>? terms;
        lock (_gate)
            _overrides.TryGetValue(sectionId, out terms);

        terms ??= Computed(today);
        return withoutCurrent ? [.. terms.Where(term => !term.Covers(today))] : terms;
    }

    public void Override(long sectionId, IEnumerable<SimulatedTerm> terms)
    {
        var copy = terms.ToArray();
        lock (_gate)
            _overrides[sectionId] = copy;
    }

    public void ClearOverride(long sectionId)
    {
        lock (_gate)
            _overrides.Remove(sectionId);
    }

    private static SimulatedTerm Term(int year, int season, string name, DateOnly start, DateOnly end) =>
        new(50000 + ((year - 2000) * 10) + season, $"{name} {year}", start, end);
}
