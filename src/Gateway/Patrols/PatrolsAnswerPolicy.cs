using PatrolScores.Gateway.Errors;
using PatrolScores.Gateway.Osm.Terms;
using PatrolScores.Gateway.Patrols.Fetching;

namespace PatrolScores.Gateway.Patrols;

/// <summary>
/// Turns what the gateway knows into a scoreboard's answer, as pure functions of their arguments (no
/// clock, no I/O), so every row is a table test. The rules (design card, "Freshness policy" and "Device
/// contract"; <c>../shared/scoreboard-clients.md</c>):
/// <list type="bullet">
/// <item>a fresh copy is served as it is: <c>MISS</c> when this poll's fetch brought it, else <c>HIT</c>;</item>
/// <item>when OSM cannot be asked (a block, a 429, a failure, a token endpoint outage) the last copy
/// inside the fallback window is served, <c>from_cache: true</c>, with <c>cache_expires_at</c> at the
/// moment the gateway will ask again (the block's end, the back-off) — the device's poll rate — and
/// <c>rate_limit_state</c> <c>SERVICE_BLOCKED</c> / <c>USER_TEMPORARY_BLOCK</c> for blocks, else the
/// copy's own state (a 200 with a stale copy beats any 5xx);</item>
/// <item>with no copy: 503 <c>store_unavailable</c> (never a 401: it would make a board re-pair), 503 <c>service_blocked</c>, 429 <c>rate_limited</c> (with <c>Retry-After</c> and
/// <c>blocked_until</c>: clients crash without it), 503 <c>upstream_unavailable</c>, 502 <c>upstream_error</c>;</item>
/// <item>a lost OSM grant is 401 <c>reauthorization_required</c> at once, copy or not: stale scores would
/// hide it from the leader until they lapse.</item>
/// </list>
/// </summary>
internal static class PatrolsAnswerPolicy
{
    /// <param name="outcome">What the fetcher came to.</param>
    /// <param name="lastCopy">The newest copy inside the fallback window, or null (read only when the outcome has no fresh copy).</param>
    /// <param name="now">The current time.</param>
    public static DeviceAnswer Decide(FetchOutcome outcome, ScoreEntry? lastCopy, DateTimeOffset now) => outcome switch
    {
        FetchOutcome.Fresh fresh => new DeviceAnswer.Scores(fresh.Entry, fresh.Fetched, fresh.Entry.State, fresh.Entry.ValidUntil),
        FetchOutcome.ReauthorizationRequired => ReauthorizationRequired,
        FetchOutcome.ServiceBlocked blocked => lastCopy is { } copy
            ? Stale(copy, RateLimitState.ServiceBlocked, blocked.RetryAt)
            : ServiceBlocked(blocked.RetryAt - now),
        FetchOutcome.UserLimited limited => lastCopy is { } copy
            ? Stale(copy, RateLimitState.UserTemporaryBlock, limited.Until)
            : RateLimited(limited.Until, now),
        FetchOutcome.CredentialUnavailable unavailable => lastCopy is { } copy
            ? Stale(copy, copy.State, unavailable.RetryAt)
            : UpstreamUnavailable(unavailable.RetryAt - now),
        FetchOutcome.StoreUnavailable store => lastCopy is { } copy
            ? Stale(copy, copy.State, store.RetryAt)
            : StoreUnavailable(store.RetryAt - now),
        FetchOutcome.UpstreamFailed failed => lastCopy is { } copy
            ? Stale(copy, copy.State, failed.RetryAt)
            : UpstreamError(failed.RetryAt - now),
        FetchOutcome.InvalidPayload invalid => lastCopy is { } copy
            ? Stale(copy, copy.State, invalid.RetryAt)
            : UpstreamError(invalid.RetryAt - now),
        _ => throw new ArgumentOutOfRangeException(nameof(outcome), outcome.GetType().Name, "An outcome the policy does not know."),
    };

    /// <summary>
    /// The answer when the section's term is not found (<see cref="TermResolutionKind.Found"/> has none):
    /// 409 <c>not_in_term</c> (clients poll again in 24 h), 400 <c>section_not_found</c> (they re-pair),
    /// a block's 503/429, 401 for a lost grant, 503 <c>upstream_unavailable</c> or 502 <c>upstream_error</c>.
    /// </summary>
    /// <param name="blockedRetry"><c>Freshness:BlockedRetry</c>: how often a device asks while the global block holds.</param>
    /// <param name="retryAfterFailure"><c>Freshness:RetryAfterFailure</c>: the back-off after an upstream failure.</param>
    public static DeviceAnswer ForTerm(TermResolution term, DateTimeOffset now, TimeSpan blockedRetry, TimeSpan retryAfterFailure) => term.Kind switch
    {
        TermResolutionKind.NotInTerm => new DeviceAnswer.Problem(StatusCodes.Status409Conflict, ErrorCodes.NotInTerm, "The section is between terms; scores return when the next term starts."),
        TermResolutionKind.SectionNotFound => new DeviceAnswer.Problem(StatusCodes.Status400BadRequest, ErrorCodes.SectionNotFound, "The section is no longer in the leader's OSM profile; pair the device again."),
        TermResolutionKind.Refused when term.Refusal!.Refusal == Osm.Guard.OsmRefusal.ServiceBlocked => ServiceBlocked(blockedRetry),
        TermResolutionKind.Refused => RateLimited(term.Refusal!.Until ?? now + blockedRetry, now),
        TermResolutionKind.ReauthorizationRequired => ReauthorizationRequired,
        TermResolutionKind.UpstreamUnavailable => UpstreamUnavailable(retryAfterFailure),
        TermResolutionKind.UpstreamError => UpstreamError(retryAfterFailure),
        _ => throw new ArgumentOutOfRangeException(nameof(term), term.Kind, "A term resolution with a term has no problem to answer."),
    };

    /// <summary>400 <c>section_not_configured</c>: the device was paired without choosing a section.</summary>
    public static DeviceAnswer SectionNotConfigured { get; } = new DeviceAnswer.Problem(
        StatusCodes.Status400BadRequest, ErrorCodes.SectionNotConfigured, "This device has no section; pair it again and choose one.");

    private static DeviceAnswer ReauthorizationRequired { get; } = new DeviceAnswer.Problem(
        StatusCodes.Status401Unauthorized, ErrorCodes.ReauthorizationRequired, "The leader who paired this device must sign in to OSM again.");

    private static DeviceAnswer.Scores Stale(ScoreEntry copy, RateLimitState state, DateTimeOffset retryAt) =>
        new(copy, Fetched: false, state, retryAt);

    private static DeviceAnswer.Problem ServiceBlocked(TimeSpan retryAfter) => new(
        StatusCodes.Status503ServiceUnavailable, ErrorCodes.ServiceBlocked, "OSM has blocked this service; scores return once an operator lifts the block.", retryAfter);

    private static DeviceAnswer.Problem RateLimited(DateTimeOffset until, DateTimeOffset now) => new(
        StatusCodes.Status429TooManyRequests, ErrorCodes.RateLimited, "OSM's hourly limit for this leader is used up; try again after blocked_until.", until - now, until);

    private static DeviceAnswer.Problem UpstreamUnavailable(TimeSpan retryAfter) => new(
        StatusCodes.Status503ServiceUnavailable, ErrorCodes.UpstreamUnavailable, "OSM cannot be reached right now; try again shortly. The device stays paired.", retryAfter);

    private static DeviceAnswer.Problem StoreUnavailable(TimeSpan retryAfter) => new(
        StatusCodes.Status503ServiceUnavailable, ErrorCodes.StoreUnavailable, "The gateway's storage is not answering; try again shortly.", retryAfter);

    private static DeviceAnswer.Problem UpstreamError(TimeSpan retryAfter) => new(
        StatusCodes.Status502BadGateway, ErrorCodes.UpstreamError, "OSM did not answer as expected; try again shortly.", retryAfter);
}
