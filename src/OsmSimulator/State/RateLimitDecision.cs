namespace PatrolScores.OsmSimulator.State;

/// <summary>The outcome of taking one request from a user's hourly allowance, as the headers report it.</summary>
internal readonly record struct RateLimitDecision(bool Allowed, int Limit, int Remaining, int ResetSeconds);
