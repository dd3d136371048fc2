using System.Buffers;
using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace PatrolScores.Transforms.Patrols;

/// <summary>
/// Writes the device contract's JSON for <c>GET /api/v1/patrols</c>.
/// </summary>
/// <remarks>
/// The patrols array is serialized once per upstream fetch and kept as bytes; the envelope around it
/// (freshness and rate-limit state) is written around those bytes without re-serializing them.
/// </remarks>
public static class DevicePatrolsJson
{
    // Timestamps are "yyyy-MM-ddTHH:mm:ssZ": exactly 20 bytes.
    private const int TimestampLength = 20;

    private static readonly JsonEncodedText IdName = JsonEncodedText.Encode("id");
    private static readonly JsonEncodedText NameName = JsonEncodedText.Encode("name");
    private static readonly JsonEncodedText ScoreName = JsonEncodedText.Encode("score");
    private static readonly JsonEncodedText PatrolsName = JsonEncodedText.Encode("patrols");
    private static readonly JsonEncodedText FromCacheName = JsonEncodedText.Encode("from_cache");
    private static readonly JsonEncodedText CachedAtName = JsonEncodedText.Encode("cached_at");
    private static readonly JsonEncodedText CacheExpiresAtName = JsonEncodedText.Encode("cache_expires_at");
    private static readonly JsonEncodedText RateLimitStateName = JsonEncodedText.Encode("rate_limit_state");
    private static readonly JsonEncodedText WebSocketName = JsonEncodedText.Encode("websocket");
    private static readonly JsonEncodedText RequestedName = JsonEncodedText.Encode("requested");
    private static readonly JsonEncodedText SettingsName = JsonEncodedText.Encode("settings");
    private static readonly JsonEncodedText PatrolColorsName = JsonEncodedText.Encode("patrolColors");

    // The body is only ever served as application/json, never embedded in HTML, so HTML-sensitive
    // characters need no escaping; keeping "Owl's" as written suits the simple parsers on devices.
    // Quotes, backslashes and control characters are still escaped.
    private static readonly JsonWriterOptions WriterOptions = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Indented = false,
    };

    /// <summary>
    /// Serializes <paramref name="patrols"/> as <c>[{"id":"72699","name":"Eagles","score":32},...]</c>,
    /// in the order given.
    /// </summary>
    public static byte[] SerializePatrolsArray(IReadOnlyList<DevicePatrol> patrols)
    {
        ArgumentNullException.ThrowIfNull(patrols);

        var buffer = new ArrayBufferWriter<byte>(2 + (patrols.Count * 48));
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            writer.WriteStartArray();
            for (var i = 0; i < patrols.Count; i++)
            {
                var patrol = patrols[i];
                writer.WriteStartObject();
                writer.WriteString(IdName, patrol.Id);
                writer.WriteString(NameName, patrol.Name);
                writer.WriteNumber(ScoreName, patrol.Score);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>
    /// Serializes the body's <c>settings</c> object for patrol colours: <c>{"patrolColors":{"72699":"red",...}}</c>
    /// (patrol id → one of the colour names boards know; <c>../shared/scoreboard-clients.md</c>), in the order given;
    /// empty (no <c>settings</c> at all) when there are none.
    /// </summary>
    public static byte[] SerializeSettings(IReadOnlyList<KeyValuePair<string, string>> patrolColours)
    {
        ArgumentNullException.ThrowIfNull(patrolColours);
        if (patrolColours.Count == 0)
        {
            return [];
        }

        var buffer = new ArrayBufferWriter<byte>(24 + (patrolColours.Count * 24));
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            writer.WriteStartObject();
            writer.WriteStartObject(PatrolColorsName);
            foreach (var (patrolId, colour) in patrolColours)
            {
                writer.WriteString(patrolId, colour);
            }

            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>
    /// Writes the whole device body around an array from <see cref="SerializePatrolsArray"/>:
    /// <c>{"patrols":[...],"from_cache":true,"cached_at":"2026-11-23T14:30:00Z","cache_expires_at":"...","rate_limit_state":"NONE"}</c>,
    /// plus <c>"settings":...</c> when <paramref name="settingsJson"/> (from <see cref="SerializeSettings"/>) is not empty,
    /// and <c>"websocket":{"requested":true}</c> when <paramref name="websocketRequested"/> (what makes the boards
    /// in the field open their live channel).
    /// </summary>
    /// <remarks>
    /// Timestamps are written in UTC with a <c>Z</c> and whole seconds (sub-seconds truncated):
    /// existing clients reject local offsets and some reject 7-digit fractions.
    /// </remarks>
    public static void WriteDeviceBody(
        IBufferWriter<byte> output,
        ReadOnlySpan<byte> patrolsArrayJson,
        bool fromCache,
        DateTimeOffset cachedAt,
        DateTimeOffset cacheExpiresAt,
        string rateLimitState,
        bool websocketRequested = false,
        ReadOnlySpan<byte> settingsJson = default)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentException.ThrowIfNullOrEmpty(rateLimitState);
        // Checked before anything is written: a corrupt cached array must fail here, whole, rather
        // than leave half a body in the output or reach devices.
        if (!IsJsonArray(patrolsArrayJson))
        {
            throw new ArgumentException("The patrols must be a JSON array written by SerializePatrolsArray.", nameof(patrolsArrayJson));
        }

        Span<byte> timestamp = stackalloc byte[TimestampLength];
        using var writer = new Utf8JsonWriter(output, WriterOptions);
        writer.WriteStartObject();
        writer.WritePropertyName(PatrolsName);
        writer.WriteRawValue(patrolsArrayJson, skipInputValidation: true);
        writer.WriteBoolean(FromCacheName, fromCache);
        writer.WriteString(CachedAtName, FormatTimestamp(cachedAt, timestamp));
        writer.WriteString(CacheExpiresAtName, FormatTimestamp(cacheExpiresAt, timestamp));
        writer.WriteString(RateLimitStateName, rateLimitState);
        if (!settingsJson.IsEmpty)
        {
            writer.WritePropertyName(SettingsName);
            writer.WriteRawValue(settingsJson, skipInputValidation: true);
        }

        if (websocketRequested)
        {
            writer.WriteStartObject(WebSocketName);
            writer.WriteBoolean(RequestedName, true);
            writer.WriteEndObject();
        }

        writer.WriteEndObject();
    }

    private static bool IsJsonArray(ReadOnlySpan<byte> json)
    {
        var reader = new Utf8JsonReader(json);
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartArray)
            {
                return false;
            }

            reader.Skip();
            return !reader.Read();
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static ReadOnlySpan<byte> FormatTimestamp(DateTimeOffset value, Span<byte> destination)
    {
        var utc = value.UtcDateTime;
        var wholeSeconds = new DateTime(utc.Ticks - (utc.Ticks % TimeSpan.TicksPerSecond), DateTimeKind.Utc);
        if (!wholeSeconds.TryFormat(destination, out var written, "yyyy'-'MM'-'dd'T'HH':'mm':'ss'Z'", CultureInfo.InvariantCulture))
        {
            throw new InvalidOperationException("A UTC timestamp did not fit its fixed 20-byte format.");
        }

        return destination[..written];
    }
}
