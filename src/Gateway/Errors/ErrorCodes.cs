namespace PatrolScores.Gateway.Errors;

/// <summary>The stable error codes of the device contract; clients switch on these, never on messages.</summary>
public static class ErrorCodes
{
    public const string Unauthorized = "unauthorized";
    public const string SectionNotConfigured = "section_not_configured";
    public const string SectionNotFound = "section_not_found";
    public const string NotInTerm = "not_in_term";
    public const string RateLimited = "rate_limited";
    public const string ServiceBlocked = "service_blocked";
    public const string UpstreamError = "upstream_error";
    public const string UpstreamUnavailable = "upstream_unavailable";
    public const string StoreUnavailable = "store_unavailable";
    public const string ReauthorizationRequired = "reauthorization_required";
    public const string InternalError = "internal_error";
    public const string InvalidRequest = "invalid_request";
    public const string NotFound = "not_found";
    public const string MethodNotAllowed = "method_not_allowed";

    /// <summary>403 on <c>/ws/device</c>: a browser page from another origin tried to open a board's live channel.</summary>
    public const string OriginNotAllowed = "origin_not_allowed";

    /// <summary>400 on <c>/api/v1/history</c>: a query parameter is missing, repeated or not one of its values (the message names it).</summary>
    public const string InvalidQuery = "invalid_query";

    /// <summary>403: a leader (or a device) named a section that is not theirs: not in the leader's OSM profile, or not the device's own. Audited (<c>section.refused</c>).</summary>
    public const string SectionNotAllowed = "section_not_allowed";

    /// <summary>429 on <c>/api/v1/patrols/stream</c>: the device already holds <c>Live:MaxStreamsPerDevice</c> streams.</summary>
    public const string TooManyStreams = "too_many_streams";
}
