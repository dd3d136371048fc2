using PatrolScores.Gateway.Admin;
using PatrolScores.Gateway.Awards;
using PatrolScores.Gateway.Devices.Pairing;
using PatrolScores.Gateway.Errors;
using PatrolScores.Gateway.Tools;

namespace PatrolScores.Gateway.ApiDocument;

/// <summary>
/// The errors each part of the API answers, for the OpenAPI document (<see cref="DocumentedError"/>). The code
/// that answers them is named in each group; the contract tests check every response of the test suite against
/// the document, so an error answered but not listed here fails a test.
/// </summary>
public static class ApiErrors
{
    /// <summary>Any routed endpoint: <c>StrictQueryMiddleware</c> refuses a query it cannot read.</summary>
    public static readonly DocumentedError UnreadableQuery = new(400, ErrorCodes.InvalidRequest, "The query cannot be read (a malformed escape, a repeated or empty name, control characters).");

    /// <summary>Any endpoint: <c>UnhandledErrors</c> answers a store that fails mid-request.</summary>
    public static readonly DocumentedError StoreFailed = new(503, ErrorCodes.StoreUnavailable, "A store the gateway needs is not answering; nothing was changed, try again after Retry-After.", RetryAfter: true);

    /// <summary>Any endpoint that reads a body: <c>UnhandledErrors</c> answers the server's own verdict on it.</summary>
    public static readonly DocumentedError BodyTooLarge = new(413, ErrorCodes.InvalidRequest, "The body is over the server's size limit.");

    /// <summary><c>DeviceAuthenticator</c>: every device endpoint.</summary>
    public static readonly DocumentedError[] DeviceToken =
    [
        new(401, ErrorCodes.Unauthorized, "The device token is missing, unknown, revoked or unused for too long: pair the device again."),
        new(503, ErrorCodes.StoreUnavailable, "The gateway's stores are not answering; try again after Retry-After.", RetryAfter: true),
    ];

    /// <summary><c>PatrolsAnswerPolicy</c>: what a poll (and a stream's first event) answers when it has no copy to serve.</summary>
    public static readonly DocumentedError[] PatrolsAnswer =
    [
        new(400, ErrorCodes.SectionNotConfigured, "The device was paired without choosing a section: pair it again."),
        new(400, ErrorCodes.SectionNotFound, "The section is no longer in the leader's OSM profile: pair the device again."),
        new(401, ErrorCodes.ReauthorizationRequired, "The leader who paired the device must sign in to OSM again (their OSM grant was lost)."),
        new(409, ErrorCodes.NotInTerm, "The section is between terms; boards ask again in 24 hours."),
        new(429, ErrorCodes.RateLimited, "OSM's hourly limit for the paying leader is used up and no copy is held; retry_after and blocked_until say when it ends.", RetryAfter: true),
        new(502, ErrorCodes.UpstreamError, "OSM answered something other than scores and no copy is held.", RetryAfter: true),
        new(503, ErrorCodes.ServiceBlocked, "OSM has blocked this service (X-Blocked) and no copy is held; an operator must lift the block.", RetryAfter: true),
        new(503, ErrorCodes.UpstreamUnavailable, "OSM cannot be reached and no copy is held.", RetryAfter: true),
        new(503, ErrorCodes.StoreUnavailable, "The gateway's stores are not answering and no copy is held.", RetryAfter: true),
    ];

    /// <summary><c>LiveOptions.WriteTurnedOffAsync</c>: the live endpoints while <c>Live:Enabled</c> is off.</summary>
    public static readonly DocumentedError LiveTurnedOff = new(404, ErrorCodes.NotFound, "Live push is turned off (Live:Enabled is false): poll /api/v1/patrols.");

    /// <summary><c>PatrolsStreamEndpoint</c>.</summary>
    public static readonly DocumentedError TooManyStreams = new(429, ErrorCodes.TooManyStreams, "The device already holds Live:MaxStreamsPerDevice streams (2 by default): close one first.", RetryAfter: true);

    /// <summary><c>DeviceSocketEndpoint</c>, before the upgrade.</summary>
    public static readonly DocumentedError[] DeviceSocket =
    [
        new(400, ErrorCodes.InvalidRequest, "Not a WebSocket request: this address takes WebSocket connections only."),
        new(400, ErrorCodes.SectionNotConfigured, "The device was paired without choosing a section: pair it again."),
        new(403, ErrorCodes.OriginNotAllowed, "A browser page from another origin than Pairing:PublicBaseUrl tried to use a board's token."),
    ];

    /// <summary><c>HistoryEndpoint</c>: <c>GET /api/v1/history</c>, for a device token or a signed-in leader.</summary>
    public static readonly DocumentedError[] History =
    [
        new(400, ErrorCodes.InvalidQuery, "window (7d, 30d, 90d) or bucket (1h, 6h, 1d) is missing or not one of its values, 90d in 1h buckets was asked (over 720 buckets), or section_id is not a whole number above 0 (or, for a leader, missing)."),
        new(400, ErrorCodes.SectionNotConfigured, "The device was paired without choosing a section: pair it again."),
        new(401, ErrorCodes.Unauthorized, "Neither a device token nor a leader's session cookie, or a device token that is unknown, revoked or unused for too long."),
        new(403, ErrorCodes.SectionNotAllowed, "section_id is not in the signed-in leader's OSM profile, or not the device's own section (audited: section.refused)."),
    ];

    /// <summary><c>BoardEndpoints</c>: <c>GET /board/qr.svg</c>.</summary>
    public static readonly DocumentedError[] BoardQrCode =
    [
        new(400, ErrorCodes.InvalidRequest, "code is missing, repeated, or not a pairing user code (eight letters of BCDFGHJKLMNPQRSTVWXZ, like BCDF-GHJK)."),
        new(429, ErrorCodes.RateLimited, "More than twice Pairing:Limits:AuthorizePerMinute QR codes from this address in a minute; wait for Retry-After.", RetryAfter: true),
    ];

    /// <summary><c>DeviceFlowEndpoints</c> and <c>PairingRateLimits</c>: <c>POST /device/authorize</c>.</summary>
    public static readonly DocumentedError[] DeviceAuthorization =
    [
        new(400, OAuthErrorCodes.InvalidRequest, "client_id is missing, or the body is neither a form nor a JSON object.", ErrorBodyKind.OAuth),
        new(401, OAuthErrorCodes.InvalidClient, "This client_id may not pair devices (Pairing:Clients).", ErrorBodyKind.OAuth),
        new(429, OAuthErrorCodes.SlowDown, "Too many requests from this address (Pairing:Limits:AuthorizePerMinute); wait for Retry-After.", ErrorBodyKind.OAuth, RetryAfter: true),
        new(503, ErrorCodes.StoreUnavailable, "The record store is not answering; nothing was used up, try again after Retry-After.", ErrorBodyKind.OAuth, RetryAfter: true),
    ];

    /// <summary><c>DeviceFlowEndpoints</c> and <c>PairingRateLimits</c>: <c>POST /device/token</c> (RFC 8628 §3.5).</summary>
    public static readonly DocumentedError[] DeviceToken8628 =
    [
        new(400, OAuthErrorCodes.InvalidRequest, "device_code or client_id is missing, or the body is neither a form nor a JSON object.", ErrorBodyKind.OAuth),
        new(400, OAuthErrorCodes.UnsupportedGrantType, "grant_type is not urn:ietf:params:oauth:grant-type:device_code.", ErrorBodyKind.OAuth),
        new(400, OAuthErrorCodes.AuthorizationPending, "The leader has not finished pairing yet: poll again after interval seconds.", ErrorBodyKind.OAuth),
        new(400, OAuthErrorCodes.SlowDown, "Polled more than a second before interval: the interval grows by 5 seconds.", ErrorBodyKind.OAuth),
        new(400, OAuthErrorCodes.AccessDenied, "The leader cancelled the pairing.", ErrorBodyKind.OAuth),
        new(400, OAuthErrorCodes.ExpiredToken, "The device code expired: ask for a new one.", ErrorBodyKind.OAuth),
        new(400, OAuthErrorCodes.InvalidGrant, "The device code is unknown, belongs to another client_id, or was already used.", ErrorBodyKind.OAuth),
        new(429, OAuthErrorCodes.SlowDown, "Too many requests from this address (Pairing:Limits:TokenPerMinute); wait for Retry-After.", ErrorBodyKind.OAuth, RetryAfter: true),
        new(503, ErrorCodes.StoreUnavailable, "The record store is not answering; nothing was used up, try again after Retry-After.", ErrorBodyKind.OAuth, RetryAfter: true),
    ];

    /// <summary><c>AdminAuthenticationFilter</c> and the <c>admin</c> rate limit: every admin endpoint.</summary>
    public static readonly DocumentedError[] AdminGuard =
    [
        new(401, ErrorCodes.Unauthorized, "No X-Api-Key header, or a key that matches no Admin:Keys entry."),
        new(403, AdminErrorCodes.NetworkNotAllowed, "The caller's address is outside Admin:AllowedNetworks."),
        new(429, ErrorCodes.RateLimited, "More than Admin:RequestsPerMinute calls from this address in a minute; wait for Retry-After.", RetryAfter: true),
    ];

    /// <summary>An admin endpoint's id in the path, or its body or query, cannot be read.</summary>
    public static readonly DocumentedError AdminInvalidRequest = new(400, AdminErrorCodes.InvalidRequest, "An id is not a positive whole number, the body is not a JSON object with a string reason (at most 500 characters), or a query value is out of bounds.");

    /// <summary><c>POST /admin/api/global-block/clear</c> without a reason.</summary>
    public static readonly DocumentedError ReasonRequired = new(400, AdminErrorCodes.ReasonRequired, "No reason in the body: {\"reason\":\"...\"} is required and kept in the audit trail.");

    /// <summary><c>DELETE /admin/api/devices/{deviceId}</c> for an unknown device.</summary>
    public static readonly DocumentedError DeviceNotFound = new(404, AdminErrorCodes.NotFound, "No device has that id.");

    /// <summary><c>POST /admin/api/sections/{sectionId}/invalidate</c> while a block means no fetch could replace the copy.</summary>
    public static readonly DocumentedError FetchNotPossible = new(409, AdminErrorCodes.FetchNotPossible, "A block holds, so deleting the copy would leave the section's boards with nothing: expire it instead, or add ?force=true.");

    /// <summary><c>ToolGateMiddleware</c>, <c>ToolPassthroughMiddleware</c> and the tool budget: <c>/osm/{path}</c>.</summary>
    public static readonly DocumentedError[] ToolPassthrough =
    [
        new(400, ToolErrorCodes.InvalidQuery, "A query parameter the tool's allow-list does not declare, or a value of the wrong type (named, never echoed)."),
        new(401, ErrorCodes.Unauthorized, "No X-Api-Key header, or a key that matches no Tools:Clients entry."),
        new(403, ToolErrorCodes.NotAllowed, "The tool's allow-list does not have this path, action or method."),
        new(409, ToolErrorCodes.OsmSignInRequired, "The OSM user the tool acts as must sign in through the gateway's pages again."),
        new(429, ErrorCodes.RateLimited, "The tool's hourly budget is used up, or OSM's hourly limit for its user is; wait for Retry-After.", RetryAfter: true),
        new(502, ErrorCodes.UpstreamError, "OSM did not answer.", RetryAfter: true),
        new(503, ErrorCodes.ServiceBlocked, "OSM has blocked this service (X-Blocked); calls resume once an operator lifts the block.", RetryAfter: true),
        new(503, ErrorCodes.UpstreamUnavailable, "OSM cannot be reached right now.", RetryAfter: true),
        StoreFailed,
    ];

    /// <summary><c>LeaderSectionGate</c>: every leader API endpoint.</summary>
    public static readonly DocumentedError LeaderSession = new(401, AwardErrorCodes.SignInRequired, "No signed-in leader: sign in at /scores (the ps_leader cookie is missing or expired).");

    /// <summary>A leader API endpoint's section id in the path cannot be read.</summary>
    public static readonly DocumentedError InvalidSectionId = new(400, ErrorCodes.InvalidRequest, "The section id is not a positive whole number.");

    /// <summary><c>GET /api/v1/sections/{sectionId}/awards?limit=</c> out of bounds.</summary>
    public static readonly DocumentedError InvalidLimit = new(400, ErrorCodes.InvalidRequest, "limit is not a whole number from 1 to 100.");

    /// <summary><c>LeaderSectionGate</c> and undo: a section outside the leader's OSM profile (audited).</summary>
    public static readonly DocumentedError SectionForbidden = new(403, ErrorCodes.SectionNotAllowed, "The section is not in the leader's OSM profile; the attempt is audited.");

    /// <summary><c>GET /api/v1/sections/{sectionId}/patrols</c> with nothing to show.</summary>
    public static readonly DocumentedError NoScoresYet = new(503, AwardErrorCodes.NoScoresYet, "OSM could not be asked for the section's points and no copy is held yet.", RetryAfter: true);

    /// <summary>A submission id that is unknown or of another leader's section.</summary>
    public static readonly DocumentedError SubmissionNotFound = new(404, AwardErrorCodes.SubmissionNotFound, "No such submission in the leader's sections.");

    /// <summary>A POST to the leader API that is not <c>application/json</c> (the CSRF defence).</summary>
    public static readonly DocumentedError JsonRequired = new(415, AwardErrorCodes.JsonRequired, "The request is not application/json.");

    /// <summary><c>AwardRules</c> and <c>AwardSubmissions</c>: <c>POST /api/v1/sections/{sectionId}/awards</c>.</summary>
    public static readonly DocumentedError[] AwardSubmission =
    [
        new(400, AwardErrorCodes.InvalidIdempotencyKey, "The Idempotency-Key header is missing or not 8 to 100 of A-Z a-z 0-9 - _ ."),
        new(400, AwardErrorCodes.InvalidAwards, "The body is not {\"awards\":[{\"patrol_id\":N,\"delta\":N}],\"reason\":\"...\"}, or lists no patrol, more than 30, one twice, or a delta of 0 or outside -1000..1000."),
        new(400, AwardErrorCodes.InvalidReason, "The reason is over 200 characters or holds control characters."),
        new(400, AwardErrorCodes.UnknownPatrol, "A patrol is not one the section's current copy shows."),
        new(409, AwardErrorCodes.IdempotencyKeyReused, "The leader used this Idempotency-Key for a different submission."),
        JsonRequired,
    ];

    /// <summary><c>POST /api/v1/awards/{id}/undo</c> refusals.</summary>
    public static readonly DocumentedError[] UndoConflicts =
    [
        new(409, AwardErrorCodes.SubmissionInProgress, "Some patrols of the submission still wait to be sent; undo it once they are settled."),
        new(409, AwardErrorCodes.NothingToUndo, "The submission is itself an undo, or none of its points reached OSM."),
    ];
}
