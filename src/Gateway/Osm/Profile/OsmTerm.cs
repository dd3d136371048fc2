namespace PatrolScores.Gateway.Osm.Profile;

/// <summary>One term of a section; <see cref="Start"/> and <see cref="End"/> are both days of the term.</summary>
internal sealed record OsmTerm(long TermId, string Name, DateOnly Start, DateOnly End);
