namespace PatrolScores.OsmSimulator.Control;

/// <summary>A control endpoint's error body.</summary>
internal sealed record ControlError(string Error);
