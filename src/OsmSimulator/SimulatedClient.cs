namespace PatrolScores.OsmSimulator;

/// <summary>An OAuth client (application) registered with the simulated OSM.</summary>
/// <param name="ClientId">The <c>client_id</c>.</param>
/// <param name="ClientSecret">The <c>client_secret</c>.</param>
public sealed record SimulatedClient(string ClientId, string ClientSecret);
