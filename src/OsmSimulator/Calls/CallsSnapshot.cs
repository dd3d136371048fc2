namespace PatrolScores.OsmSimulator.Calls;

/// <summary>The body of <c>GET /_sim/calls</c>: totals by endpoint and, per user id, by endpoint.</summary>
internal sealed record CallsSnapshot(
    int Total,
    Dictionary<string, int> Endpoints,
    Dictionary<string, Dictionary<string, int>> Users);
