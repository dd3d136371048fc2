namespace PatrolScores.Gateway.Admin;

/// <summary>Stable error codes of the admin API, beside the shared ones in <see cref="Errors.ErrorCodes"/>.</summary>
public static class AdminErrorCodes
{
    public const string NetworkNotAllowed = "network_not_allowed";
    public const string ReasonRequired = "reason_required";
    public const string InvalidRequest = "invalid_request";
    public const string NotFound = "not_found";

    /// <summary>409: deleting a section's copy while no fetch is possible (a block holds) would leave its boards with nothing.</summary>
    public const string FetchNotPossible = "fetch_not_possible";
}
