using System.Text.Json.Serialization;

namespace PatrolScores.Gateway.Errors;

/// <summary>
/// The one JSON error body of the gateway's own API (written by <see cref="ErrorResponses"/>; this record
/// describes it in the OpenAPI document): <c>{"error":"rate_limited","message":"...","retry_after":1200,
/// "blocked_until":"2026-11-23T15:00:00Z"}</c>. Clients switch on <see cref="Error"/>, a stable code
/// (<see cref="ErrorCodes"/>, <c>AdminErrorCodes</c>, <c>ToolErrorCodes</c>), never on the message.
/// </summary>
/// <param name="Error">The stable error code.</param>
/// <param name="Message">A fixed text for people: never an upstream body, never a secret.</param>
/// <param name="RetryAfter">On a 429 only: seconds to wait, as in the <c>Retry-After</c> header.</param>
/// <param name="BlockedUntil">On a 429 for a user's OSM block only: when it ends (UTC, RFC 3339, whole seconds).</param>
public sealed record ErrorBody(
    string Error,
    string Message,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] long? RetryAfter = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? BlockedUntil = null);
