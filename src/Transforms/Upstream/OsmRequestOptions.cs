namespace PatrolScores.Transforms.Upstream;

/// <summary>What an outgoing OSM request carries for the handlers below it (never sent over the wire).</summary>
public static class OsmRequestOptions
{
    /// <summary>
    /// The OSM user the call is made for: the gateway's outbound guard checks that user's block before
    /// sending and records their quota from the response.
    /// </summary>
    public static readonly HttpRequestOptionsKey<long> UserId = new("PatrolScores.OsmUserId");

    /// <summary>
    /// What the gateway's outbound guard read from OSM's answer to this request, set by the guard (the
    /// only reader of OSM's limit and block headers) once the response has arrived, so that whoever
    /// holds the response (<c>response.RequestMessage.Options</c>) acts on the same reading.
    /// </summary>
    public static readonly HttpRequestOptionsKey<UpstreamSignals> Signals = new("PatrolScores.UpstreamSignals");

    /// <summary>The signals the guard recorded for <paramref name="response"/>, or null where no guard ran.</summary>
    public static UpstreamSignals? SignalsOf(HttpResponseMessage response)
    {
        ArgumentNullException.ThrowIfNull(response);
        return response.RequestMessage is { } request && request.Options.TryGetValue(Signals, out var signals) ? signals : null;
    }
}
