using PatrolScores.Transforms.Upstream;

namespace PatrolScores.Transforms.Patrols;

/// <summary>
/// What one upstream patrols fetch produced, published by <see cref="PatrolsResponseTransform"/> on
/// <c>HttpContext.Features</c> for the gateway, which decides what to cache and what to answer.
/// </summary>
/// <param name="UpstreamStatus">The HTTP status OSM answered with.</param>
/// <param name="Signals">
/// OSM's limit and block signals from that response as the gateway's guard read them (carried from the
/// request's options, never parsed again here); null when no guard was in the handler chain.
/// </param>
/// <param name="Payload">The parsed body; only for a 200 (other bodies are never read).</param>
/// <param name="Elapsed">How long the call took, where the caller measured it.</param>
public sealed record PatrolFetchOutcome(
    int UpstreamStatus,
    UpstreamSignals? Signals,
    PatrolPayloadResult? Payload,
    TimeSpan? Elapsed = null);
