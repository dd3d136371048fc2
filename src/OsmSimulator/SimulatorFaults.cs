namespace PatrolScores.OsmSimulator;

/// <summary>
/// Switchable misbehaviour. API faults apply to <c>/oauth/resource</c> and the patrol endpoints once
/// the bearer token is accepted, in this order: <see cref="Latency"/>, <see cref="BlockedWithStatus"/>,
/// <see cref="ServerError"/>, <see cref="TooManyRequests"/> (none of these three consumes the user's
/// hourly allowance), then the call itself, decorated by <see cref="BlockedOnSuccess"/>,
/// <see cref="Deprecated"/>, <see cref="MalformedJson"/> and <see cref="OmitRateLimitHeaders"/>.
/// <see cref="DenyAuthorization"/> and <see cref="TokenEndpointFailure"/> concern the OAuth endpoints.
/// Set from C# or by <c>POST /_sim/faults</c> (which replaces them all); <c>POST /_sim/reset</c> clears them.
/// </summary>
public sealed class SimulatorFaults
{
    /// <summary>Answer API calls 429; the value is the <c>Retry-After</c> in seconds.</summary>
    public int? TooManyRequests { get; set; }

    /// <summary>Whether the <see cref="TooManyRequests"/> answer carries <c>Retry-After</c> (default true).</summary>
    public bool RetryAfterHeader { get; set; } = true;

    /// <summary>Add <c>X-Blocked: true</c> to otherwise normal 200 answers.</summary>
    public bool BlockedOnSuccess { get; set; }

    /// <summary>Answer API calls with this status (for example 403) and <c>X-Blocked: true</c>.</summary>
    public int? BlockedWithStatus { get; set; }

    /// <summary>Add <c>X-Deprecated</c> with this value (a date such as <c>2027-03-01</c>) to API answers.</summary>
    public string? Deprecated { get; set; }

    /// <summary>
    /// Wait this long (on the state's <see cref="TimeProvider"/>) before answering API calls, and before
    /// answering <c>/oauth/token</c> once the grant has rotated; a cancelled request stops waiting.
    /// </summary>
    public TimeSpan Latency { get; set; }

    /// <summary>Answer API calls with this 5xx status.</summary>
    public int? ServerError { get; set; }

    /// <summary>
    /// Answer 200 with an error inside instead of data, as OSM does for some refusals: the patrol
    /// endpoints <c>{"error":{"message":"You do not have permission to access this section"}}</c>,
    /// <c>/oauth/resource</c> <c>{"status":false,"error":"...","data":null}</c>.
    /// </summary>
    public bool ErrorInsideSuccess { get; set; }

    /// <summary>
    /// <c>updatePatrolPoints</c> answers 200 <c>[]</c> as usual but stores nothing (a write OSM lost); reads are unaffected,
    /// so only a read-back shows it.
    /// </summary>
    public bool WritesIgnored { get; set; }

    /// <summary>Cut 200 answers' JSON bodies short (status stays 200).</summary>
    public bool MalformedJson { get; set; }

    /// <summary>
    /// Send this text as <c>X-RateLimit-Reset</c> instead of the real seconds (e.g. <c>1796050000</c>, an
    /// epoch time where seconds belong, as a misbehaving upstream might).
    /// </summary>
    public string? RateLimitResetText { get; set; }

    /// <summary>Send this text as <c>Retry-After</c> on 429 answers instead of the real seconds (e.g. a past HTTP date).</summary>
    public string? RetryAfterText { get; set; }

    /// <summary>Leave the <c>X-RateLimit-*</c> headers off (the allowance is still consumed).</summary>
    public bool OmitRateLimitHeaders { get; set; }

    /// <summary>Leave out of <c>/oauth/resource</c> any term that covers today.</summary>
    public bool NoCurrentTerm { get; set; }

    /// <summary>Make <c>/oauth/authorize</c> redirect with <c>error=access_denied</c>.</summary>
    public bool DenyAuthorization { get; set; }

    /// <summary>
    /// Make <c>/oauth/token</c> fail: an error code (for example <c>invalid_grant</c>) answers 400 with it;
    /// a number (for example <c>500</c>) answers that status.
    /// </summary>
    public string? TokenEndpointFailure { get; set; }

    /// <summary>When set, the API faults, <see cref="NoCurrentTerm"/> and <see cref="DenyAuthorization"/> apply to this OSM user only.</summary>
    public long? FaultUserId { get; set; }

    /// <summary>Switch every fault off.</summary>
    public void Clear() => CopyFrom(new SimulatorFaults());

    /// <summary>Take every setting from <paramref name="other"/>.</summary>
    public void CopyFrom(SimulatorFaults other)
    {
        ArgumentNullException.ThrowIfNull(other);
        TooManyRequests = other.TooManyRequests;
        RetryAfterHeader = other.RetryAfterHeader;
        BlockedOnSuccess = other.BlockedOnSuccess;
        BlockedWithStatus = other.BlockedWithStatus;
        Deprecated = other.Deprecated;
        Latency = other.Latency;
        ServerError = other.ServerError;
        MalformedJson = other.MalformedJson;
        ErrorInsideSuccess = other.ErrorInsideSuccess;
        WritesIgnored = other.WritesIgnored;
        OmitRateLimitHeaders = other.OmitRateLimitHeaders;
        RateLimitResetText = other.RateLimitResetText;
        RetryAfterText = other.RetryAfterText;
        NoCurrentTerm = other.NoCurrentTerm;
        DenyAuthorization = other.DenyAuthorization;
        TokenEndpointFailure = other.TokenEndpointFailure;
        FaultUserId = other.FaultUserId;
    }

    internal SimulatorFaults Snapshot()
    {
        var copy = new SimulatorFaults();
        copy.CopyFrom(this);
        return copy;
    }

    internal bool AppliesTo(long userId) => FaultUserId is not { } only || only == userId;
}
