namespace PatrolScores.OsmSimulator.Api;

/// <summary><c>/oauth/resource</c>'s body: <c>{"status":true,"error":null,"data":{...},"meta":[]}</c>.</summary>
internal sealed record ResourceEnvelope(bool Status, string? Error, ResourceData Data, IReadOnlyList<string> Meta);
