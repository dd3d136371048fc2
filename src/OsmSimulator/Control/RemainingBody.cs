namespace PatrolScores.OsmSimulator.Control;

/// <summary>The answer to <c>POST /_sim/users/{id}/remaining/{n}</c>.</summary>
internal sealed record RemainingBody(long UserId, int Remaining);
