namespace PatrolScores.OsmSimulator.OAuth;

/// <summary>An OAuth error body, <c>{"error":"invalid_grant"}</c>; also OSM's bare <c>{"error":"..."}</c>.</summary>
internal sealed record OAuthError(string Error);
