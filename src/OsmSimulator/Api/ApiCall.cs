using PatrolScores.OsmSimulator.OAuth;

namespace PatrolScores.OsmSimulator.Api;

/// <summary>An authenticated API call that passed the faults and the rate limit, handed to its handler.</summary>
internal sealed record ApiCall(HttpContext Context, SimulatorState State, AccessGrant Grant, SimulatorFaults Faults);
