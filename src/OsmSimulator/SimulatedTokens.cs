namespace PatrolScores.OsmSimulator;

/// <summary>Tokens the simulator issued.</summary>
/// <param name="AccessToken">The bearer token for API calls.</param>
/// <param name="RefreshToken">The single-use refresh token.</param>
/// <param name="UserId">The OSM user the tokens act for.</param>
/// <param name="ExpiresAt">When the access token stops being accepted.</param>
public sealed record SimulatedTokens(string AccessToken, string RefreshToken, long UserId, DateTimeOffset ExpiresAt);
