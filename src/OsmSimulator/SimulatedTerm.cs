namespace PatrolScores.OsmSimulator;

/// <summary>A section's term as <c>/oauth/resource</c> lists it.</summary>
/// <param name="TermId">The <c>term_id</c>.</param>
/// <param name="Name">The term's name, for example <c>Autumn 2026</c>.</param>
/// <param name="Start">The first day (<c>startdate</c>).</param>
/// <param name="End">The last day, inclusive (<c>enddate</c>).</param>
public sealed record SimulatedTerm(long TermId, string Name, DateOnly Start, DateOnly End)
{
    /// <summary>Whether <paramref name="date"/> falls within the term, both ends included.</summary>
    public bool Covers(DateOnly date) => Start <= date && date <= End;
}
