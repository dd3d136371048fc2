namespace PatrolScores.OsmSimulator.Calls;

/// <summary>Endpoint metadata: the name a request to this endpoint is counted under.</summary>
internal sealed record SimulatedEndpointName(string Name);
