using System.Text.Json;
using System.Text.Json.Serialization;
using PatrolScores.Transforms.Patrols;

namespace PatrolScores.Gateway.Patrols;

/// <summary>
/// The 200 body of <c>GET /api/v1/patrols</c> and each event of <c>/api/v1/patrols/stream</c>, as the boards in
/// the field read it (<c>../shared/scoreboard-clients.md</c>). Written byte for byte by
/// <c>DevicePatrolsJson</c> (src/Transforms); this record describes it in the OpenAPI document and the
/// contract tests hold the two together.
/// </summary>
/// <param name="Patrols">The section's patrols as the payload transform keeps them (<see cref="DevicePatrol"/>).</param>
/// <param name="FromCache"><c>false</c> only when this request's own fetch from OSM brought the scores.</param>
/// <param name="CachedAt">When the scores were fetched from OSM (UTC, RFC 3339, whole seconds).</param>
/// <param name="CacheExpiresAt">When to ask again (UTC, RFC 3339, whole seconds): boards poll at this time plus 7 s.</param>
/// <param name="RateLimitState"><c>NONE</c>, <c>DEGRADED</c> (the paying user's quota is low), <c>USER_TEMPORARY_BLOCK</c> (OSM's 429 window) or <c>SERVICE_BLOCKED</c> (<c>X-Blocked</c>).</param>
/// <param name="Settings">Present when the section has patrol colours: <c>{"patrolColors":{"72699":"red"}}</c> (issue 13).</param>
/// <param name="Websocket">Present while <c>Live:Enabled</c>: <c>{"requested":true}</c> asks the board to connect to <c>/ws/device</c>.</param>
public sealed record PatrolsBody(
    IReadOnlyList<DevicePatrol> Patrols,
    bool FromCache,
    string CachedAt,
    string CacheExpiresAt,
    [property: JsonConverter(typeof(RateLimitStateJsonConverter))] RateLimitState RateLimitState,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] BoardSettings? Settings = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] WebSocketRequest? Websocket = null);

/// <summary>
/// The body's <c>settings</c>, as the boards in the field read it (<c>../shared/scoreboard-clients.md</c>): <c>patrolColors</c>
/// maps a patrol id to one of <c>red, green, blue, yellow, cyan, magenta, orange, white</c> (the field's name, in camel case).
/// </summary>
public sealed record BoardSettings([property: JsonPropertyName("patrolColors")] IReadOnlyDictionary<string, string> PatrolColors);

/// <summary><c>{"requested":true}</c>: the board should open <c>/ws/device</c> for <c>refresh-scores</c> nudges.</summary>
public sealed record WebSocketRequest(bool Requested);

/// <summary>
/// <see cref="RateLimitState"/> as its wire names (<c>NONE</c>, <c>DEGRADED</c>, <c>USER_TEMPORARY_BLOCK</c>,
/// <c>SERVICE_BLOCKED</c>): the members' names in upper snake case, the same as <c>RateLimitStateNames.ToWire</c> writes.
/// </summary>
public sealed class RateLimitStateJsonConverter() : JsonStringEnumConverter<RateLimitState>(JsonNamingPolicy.SnakeCaseUpper, allowIntegerValues: false);
