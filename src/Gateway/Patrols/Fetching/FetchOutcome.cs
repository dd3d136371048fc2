using PatrolScores.Gateway.Storage.Ephemeral;

namespace PatrolScores.Gateway.Patrols.Fetching;

/// <summary>
/// What one attempt to bring a (section, term)'s scores up to date came to: a closed set, so that the
/// answer policy (<see cref="PatrolsAnswerPolicy"/>) handles every case and no failure kind is ever
/// compared as a string. Failures carry the earliest time the fetcher will ask OSM again for this key
/// (<see cref="NextAttemptAt"/>; until then it answers with the same outcome, without a call).
/// </summary>
internal abstract record FetchOutcome
{
    private FetchOutcome()
    {
    }

    /// <summary>A copy that is fresh now: fetched by this attempt, or found in the shared cache (another replica's fetch).</summary>
    internal sealed record Fresh(ScoreEntry Entry, bool Fetched) : FetchOutcome;

    /// <summary>OSM has blocked the whole application (<c>X-Blocked</c>): nothing is sent until an operator lifts it.</summary>
    internal sealed record ServiceBlocked(DateTimeOffset RetryAt) : FetchOutcome;

    /// <summary>
    /// The paying OSM user is over OSM's hourly limit (429): the fetcher asks again for this key at
    /// <paramref name="Until"/>, the block's end plus the key's <see cref="RefreshSpread"/> offset.
    /// </summary>
    internal sealed record UserLimited(DateTimeOffset Until) : FetchOutcome;

    /// <summary>OSM did not give usable scores; <paramref name="Kind"/> says how.</summary>
    internal sealed record UpstreamFailed(UpstreamFailure Kind, DateTimeOffset RetryAt) : FetchOutcome;

    /// <summary>OSM answered 200 with a payload that is not patrols data (never cached or shown).</summary>
    internal sealed record InvalidPayload(string Problem, DateTimeOffset RetryAt) : FetchOutcome;

    /// <summary>The paying user's OSM token needed a refresh and OSM's token endpoint did not answer.</summary>
    internal sealed record CredentialUnavailable(DateTimeOffset RetryAt) : FetchOutcome;

    /// <summary>
    /// A store the fetch needs (records, Redis) did not answer: no call was made, since quota and block
    /// state are unknown. Not remembered as a back-off: the next poll asks the store again.
    /// </summary>
    internal sealed record StoreUnavailable(DateTimeOffset RetryAt) : FetchOutcome;

    /// <summary>The paying user's OSM grant is gone: the leader must sign in to OSM again.</summary>
    internal sealed record ReauthorizationRequired : FetchOutcome;

    /// <summary>When this outcome lets the fetcher ask OSM again; null for a fresh copy and a lost grant.</summary>
    public DateTimeOffset? NextAttemptAt => this switch
    {
        ServiceBlocked blocked => blocked.RetryAt,
        UserLimited limited => limited.Until,
        UpstreamFailed failed => failed.RetryAt,
        InvalidPayload invalid => invalid.RetryAt,
        CredentialUnavailable unavailable => unavailable.RetryAt,
        StoreUnavailable store => store.RetryAt,
        _ => null,
    };
}

/// <summary>How OSM failed to give scores (<see cref="FetchOutcome.UpstreamFailed"/>).</summary>
internal enum UpstreamFailure
{
    /// <summary>No answer within <c>Osm:RequestTimeout</c>, or the upstream deadline passed.</summary>
    Timeout,

    /// <summary>OSM could not be reached (DNS, connection, TLS) or the connection broke.</summary>
    Network,

    /// <summary>OSM answered 5xx.</summary>
    ServerError,

    /// <summary>OSM answered another 4xx: our request was wrong (not retried blindly).</summary>
    RequestRejected,

    /// <summary>OSM answered 401 to the user's token: it is marked expired and refreshed on the next attempt.</summary>
    TokenRejected,

    /// <summary>Another replica held the fetch lock and no new copy appeared in time.</summary>
    OtherReplicaSilent,
}

/// <summary>How an OSM status other than 200 and 429 counts as a failure (the patrols fetch and the term lookup alike).</summary>
internal static class UpstreamFailures
{
    /// <summary>401: the token was refused; 5xx: OSM's trouble; any other status: our request was wrong.</summary>
    public static UpstreamFailure ForStatus(int statusCode) => statusCode switch
    {
        StatusCodes.Status401Unauthorized => UpstreamFailure.TokenRejected,
        >= 500 => UpstreamFailure.ServerError,
        _ => UpstreamFailure.RequestRejected,
    };
}

/// <summary>
/// A fetch of <paramref name="Key"/>'s scores paid by <paramref name="PayingUserId"/>. <paramref name="RefreshLead"/>
/// is zero for a poll (fetch once the copy has expired) and <c>Refresh:Lead</c> for the refresher (fetch once the
/// copy expires within that lead). <paramref name="Mode"/> is <see cref="FetchMode.FromOsm"/> for score entry.
/// </summary>
internal readonly record struct FetchRequest(ScoreCacheKey Key, long PayingUserId, TimeSpan RefreshLead = default, FetchMode Mode = FetchMode.WhenExpired);

/// <summary>Whether a fetch may be answered from a copy (<see cref="FetchRequest.Mode"/>).</summary>
internal enum FetchMode
{
    /// <summary>A poll or a refresh-ahead: a fresh enough copy, a remembered failure or another replica's fetch answers it.</summary>
    WhenExpired,

    /// <summary>
    /// Score entry's read before a write and read-back after it: the scores as OSM holds them now. Never answered from
    /// a copy, a remembered failure or another caller's flight; it waits for a fetch in progress on any replica (the
    /// lock <c>fetch:{section}:{term}</c>) and then calls, so no copy read before a write is stored after its read-back.
    /// Its copy is valid from now and is cached and pushed like any other.
    /// </summary>
    FromOsm,
}
