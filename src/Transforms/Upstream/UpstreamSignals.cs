namespace PatrolScores.Transforms.Upstream;

/// <summary>
/// What one OSM response said about limits and blocks. A null number means the header was missing
/// or unreadable: UNKNOWN, which callers must not treat as zero (or as plenty).
/// </summary>
/// <param name="StatusCode">The upstream HTTP status code.</param>
/// <param name="Limit"><c>X-RateLimit-Limit</c>: requests allowed per hour for this OSM user.</param>
/// <param name="Remaining"><c>X-RateLimit-Remaining</c>: requests left before this user is blocked.</param>
/// <param name="ResetSeconds"><c>X-RateLimit-Reset</c>: seconds until the user's window resets.</param>
/// <param name="RetryAfterSeconds"><c>Retry-After</c> as whole seconds from now (an HTTP date is converted).</param>
/// <param name="Blocked"><c>X-Blocked</c> was present (any value): the whole application is blocked.</param>
/// <param name="Deprecated"><c>X-Deprecated</c>, trimmed and cut to 64 characters: the endpoint's removal date.</param>
public sealed record UpstreamSignals(
    int StatusCode,
    int? Limit,
    int? Remaining,
    int? ResetSeconds,
    int? RetryAfterSeconds,
    bool Blocked,
    string? Deprecated)
{
    /// <summary>
    /// Set by the gateway's guard on a 429: when the user block it recorded ends (from
    /// <c>Retry-After</c>, else <c>X-RateLimit-Reset</c>, else the configured default).
    /// </summary>
    public DateTimeOffset? UserBlockedUntil { get; init; }
}
