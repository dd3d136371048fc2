namespace PatrolScores.OsmSimulator.State;

/// <summary>A member record with made-up personal data, as OSM sends it inside a patrol.</summary>
internal sealed record SimulatedMember(string FirstName, string LastName, long ScoutId, long PatrolId, string PatrolLeader, string Age);
