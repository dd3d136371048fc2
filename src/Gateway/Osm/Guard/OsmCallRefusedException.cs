namespace PatrolScores.Gateway.Osm.Guard;

/// <summary>The outbound guard refused to call OSM because a block holds. No request left the gateway.</summary>
public sealed class OsmCallRefusedException(OsmRefusal refusal, DateTimeOffset? until)
    : HttpRequestException(refusal == OsmRefusal.ServiceBlocked
        ? "OSM has blocked this application (X-Blocked); no call is made until an operator lifts the block."
        : $"OSM rate-limited this user; no call is made for them until {until:O}.")
{
    public OsmRefusal Refusal { get; } = refusal;

    /// <summary>When the block ends; null for the global block, which only an operator lifts.</summary>
    public DateTimeOffset? Until { get; } = until;
}
