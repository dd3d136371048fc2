namespace PatrolScores.OsmSimulator.Control;

/// <summary>The answer to <c>POST /_sim/sections/{id}/patrols/{id}/points/{n}</c>.</summary>
internal sealed record PointsBody(long SectionId, long PatrolId, int Points);
