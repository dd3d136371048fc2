namespace PatrolScores.Transforms.Upstream;

/// <summary>What an outgoing OSM request carries for the handlers below it (never sent over the wire).</summary>
public static class OsmRequestOptions
{
    /// <summary>
    /// The OSM user the call is made for: the gateway's outbound guard checks that user's block before
    /// sending and records their quota from the response.
    /// </summary>
    public static readonly HttpRequestOptionsKey<long> UserId = new("PatrolScores.OsmUserId");
}
