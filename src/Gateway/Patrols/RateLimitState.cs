namespace PatrolScores.Gateway.Patrols;

/// <summary>Why the data a device gets may be older than usual (the device contract's <c>rate_limit_state</c>).</summary>
public enum RateLimitState
{
    None = 0,
    Degraded = 1,
    UserTemporaryBlock = 2,
    ServiceBlocked = 3,
}
