namespace PatrolScores.OsmSimulator.State;

/// <summary>An OSM user and the sections the app may see for them (a snapshot).</summary>
internal sealed record SimulatedUser(long UserId, string FullName, string Email, IReadOnlyList<SimulatedSection> Sections);
