namespace PatrolScores.Gateway.Patrols.Fetching;

/// <summary>
/// The <c>error_type</c> label of <c>patrol_fetch_errors_total</c>: the one place a failure becomes a
/// string, for metrics and logs only (decisions match on the outcome's type). The term lookup counts
/// its failures with the same labels.
/// </summary>
internal static class FetchErrorTypes
{
    public const string ServiceBlocked = "service_blocked";
    public const string RateLimited = "rate_limited";
    public const string InvalidPayload = "invalid_payload";
    public const string TokenRefreshUnavailable = "token_refresh_unavailable";
    public const string ReauthorizationRequired = "reauthorization_required";
    public const string StoreUnavailable = "store_unavailable";

    /// <summary>Every label <see cref="Of(FetchOutcome)"/> can give (the metric's known series, put at 0 on start).</summary>
    public static IReadOnlyList<string> All { get; } =
    [
        ServiceBlocked, RateLimited, InvalidPayload, TokenRefreshUnavailable, ReauthorizationRequired, StoreUnavailable,
        .. Enum.GetValues<UpstreamFailure>().Select(Of),
    ];

    /// <summary>The label, or null for an outcome that is not a failure.</summary>
    public static string? Of(FetchOutcome outcome) => outcome switch
    {
        FetchOutcome.Fresh => null,
        FetchOutcome.ServiceBlocked => ServiceBlocked,
        FetchOutcome.UserLimited => RateLimited,
        FetchOutcome.InvalidPayload => InvalidPayload,
        FetchOutcome.CredentialUnavailable => TokenRefreshUnavailable,
        FetchOutcome.ReauthorizationRequired => ReauthorizationRequired,
        FetchOutcome.StoreUnavailable => StoreUnavailable,
        FetchOutcome.UpstreamFailed { Kind: var kind } => Of(kind),
        _ => "unknown",
    };

    /// <summary>The label of an upstream failure.</summary>
    public static string Of(UpstreamFailure kind) => kind switch
    {
        UpstreamFailure.Timeout => "timeout",
        UpstreamFailure.Network => "network",
        UpstreamFailure.ServerError => "upstream_5xx",
        UpstreamFailure.RequestRejected => "upstream_4xx",
        UpstreamFailure.TokenRejected => "upstream_unauthorized",
        UpstreamFailure.OtherReplicaSilent => "lock_timeout",
        _ => "unknown",
    };
}
