namespace PatrolScores.OsmSimulator.OAuth;

/// <summary>The token endpoint's success body.</summary>
internal sealed record TokenResponse(string AccessToken, string RefreshToken, string TokenType, int ExpiresIn);
