using System.Text.Json;
using System.Text.Json.Serialization;

namespace PatrolScores.TerminalBoard.Scores;

/// <summary>One patrol as the gateway answers it.</summary>
internal sealed record Patrol(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("score")] decimal Score);

/// <summary>The gateway's optional board settings (<c>settings.patrolColors</c>: patrol id → colour name).</summary>
internal sealed record BoardSettings(
    [property: JsonPropertyName("patrolColors")] IReadOnlyDictionary<string, string>? PatrolColors);

/// <summary>The 200 body of <c>GET /api/v1/patrols</c>, which is also each stream event's data (docs/device-api.md).</summary>
internal sealed record PatrolsSnapshot(
    [property: JsonPropertyName("patrols")] IReadOnlyList<Patrol> Patrols,
    [property: JsonPropertyName("from_cache")] bool FromCache,
    [property: JsonPropertyName("cached_at")] DateTimeOffset CachedAt,
    [property: JsonPropertyName("cache_expires_at")] DateTimeOffset CacheExpiresAt,
    [property: JsonPropertyName("rate_limit_state")] string? RateLimitState,
    [property: JsonPropertyName("settings")] BoardSettings? Settings)
{
    /// <summary>Reads a body; null when it is not the scores' JSON.</summary>
    public static PatrolsSnapshot? TryParse(string json)
    {
        try
        {
            var snapshot = JsonSerializer.Deserialize(json, BoardJson.Default.PatrolsSnapshot);
            return snapshot?.Patrols is null ? null : snapshot;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}

/// <summary>The gateway's JSON error body (<c>{"error":..., "message":..., "blocked_until":...}</c>).</summary>
internal sealed record ErrorBody(
    [property: JsonPropertyName("error")] string? Error,
    [property: JsonPropertyName("message")] string? Message,
    [property: JsonPropertyName("blocked_until")] DateTimeOffset? BlockedUntil)
{
    /// <summary>Reads an error body; an empty one when it is not JSON.</summary>
    public static ErrorBody Parse(string json)
    {
        try
        {
            return JsonSerializer.Deserialize(json, BoardJson.Default.ErrorBody) ?? new ErrorBody(null, null, null);
        }
        catch (JsonException)
        {
            return new ErrorBody(null, null, null);
        }
    }
}

[JsonSerializable(typeof(PatrolsSnapshot))]
[JsonSerializable(typeof(ErrorBody))]
internal sealed partial class BoardJson : JsonSerializerContext;
