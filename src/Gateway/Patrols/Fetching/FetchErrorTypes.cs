namespace PatrolScores.Gateway.Patrols.Fetching;

/// <summary>
/// The <c>error_type</c> label of <c>patrol_fetch_errors_total</c> for each failed outcome: the one place
/// an outcome becomes a string, for metrics and logs only (decisions match on the outcome's type).
/// </summary>
internal static class FetchErrorTypes
{
    /// <summary>Every label <see cref="Of"/> can give (the metric's known series, put at 0 on start).</summary>
    public static IReadOnlyList<string> All { get; } =
    [
        "service_blocked", "rate_limited", "invalid_payload", "token_refresh_unavailable", "reauthorization_required",
        "store_unavailable", "timeout", "network", "upstream_5xx", "upstream_4xx", "upstream_unauthorized", "lock_timeout",
    ];

    /// <summary>The label, or null for an outcome that is not a failure.</summary>
    public static string? Of(FetchOutcome outcome) => outcome switch
    {
        FetchOutcome.Fresh => null,
        FetchOutcome.ServiceBlocked => "service_blocked",
        FetchOutcome.UserLimited => "rate_limited",
        FetchOutcome.InvalidPayload => "invalid_payload",
        FetchOutcome.CredentialUnavailable => "token_refresh_unavailable",
        FetchOutcome.ReauthorizationRequired => "reauthorization_required",
        FetchOutcome.StoreUnavailable => "store_unavailable",
        FetchOutcome.UpstreamFailed { Kind: var kind } => kind switch
        {
            UpstreamFailure.Timeout => "timeout",
            UpstreamFailure.Network => "network",
            UpstreamFailure.ServerError => "upstream_5xx",
            UpstreamFailure.RequestRejected => "upstream_4xx",
            UpstreamFailure.TokenRejected => "upstream_unauthorized",
            UpstreamFailure.OtherReplicaSilent => "lock_timeout",
            _ => "unknown",
        },
        _ => "unknown",
    };
}
