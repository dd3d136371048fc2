using System.Text.Json.Serialization;

namespace PatrolScores.OsmSimulator.Api;

/// <summary>A term in <c>/oauth/resource</c>; dates are written <c>YYYY-MM-DD</c>.</summary>
internal sealed record ResourceTerm(
    string Name,
    [property: JsonPropertyName("startdate")] DateOnly StartDate,
    [property: JsonPropertyName("enddate")] DateOnly EndDate,
    long TermId)
{
    public static ResourceTerm From(SimulatedTerm term) => new(term.Name, term.Start, term.End, term.TermId);
}
