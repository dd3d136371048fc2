namespace PatrolScores.Gateway.Osm.Guard;

/// <summary>An <c>X-Deprecated</c> date OSM sent for one endpoint, and when it was last seen.</summary>
public sealed record DeprecationNotice(string Endpoint, string Date, DateTimeOffset LastSeenAt);
