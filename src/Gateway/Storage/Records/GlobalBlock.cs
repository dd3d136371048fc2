namespace PatrolScores.Gateway.Storage.Records;

/// <summary>OSM said <c>X-Blocked</c>: no call may reach OSM until an operator lifts this.</summary>
public sealed record GlobalBlock(string Reason, DateTimeOffset SetAt);
