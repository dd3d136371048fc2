using System.Buffers;
using System.Text.Json;
using PatrolScores.Gateway.Storage.Ephemeral;

namespace PatrolScores.Gateway.Patrols;

/// <summary>
/// The stored form of a <see cref="ScoreEntry"/> (second cache level, shared by replicas):
/// <c>{"v":1,"cached_at_ms":..,"valid_until_ms":..,"state":..,"patrols":[..]}</c>. An unknown version
/// reads as absent, so the format can change without a flag day.
/// </summary>
internal static class ScoreEntrySerializer
{
    public const int CurrentVersion = 1;

    public static byte[] Serialize(ScoreEntry entry)
    {
        var buffer = new ArrayBufferWriter<byte>(entry.PatrolsJson.Length + 128);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteNumber("v", CurrentVersion);
            writer.WriteNumber("cached_at_ms", entry.CachedAt.ToUnixTimeMilliseconds());
            writer.WriteNumber("valid_until_ms", entry.ValidUntil.ToUnixTimeMilliseconds());
            writer.WriteNumber("state", (int)entry.State);
            writer.WritePropertyName("patrols");
            writer.WriteRawValue(entry.PatrolsJson, skipInputValidation: true);
            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    public static ScoreEntry? Deserialize(ScoreCacheKey key, byte[] stored)
    {
        try
        {
            using var document = JsonDocument.Parse(stored);
            var root = document.RootElement;
            if (!root.TryGetProperty("v", out var version) || version.GetInt32() != CurrentVersion)
            {
                return null;
            }

            var patrols = root.GetProperty("patrols");
            if (patrols.ValueKind != JsonValueKind.Array)
            {
                return null;
            }

            return new ScoreEntry(
                key,
                JsonSerializer.SerializeToUtf8Bytes(patrols),
                DateTimeOffset.FromUnixTimeMilliseconds(root.GetProperty("cached_at_ms").GetInt64()),
                DateTimeOffset.FromUnixTimeMilliseconds(root.GetProperty("valid_until_ms").GetInt64()),
                (RateLimitState)root.GetProperty("state").GetInt32());
        }
        catch (Exception exception) when (exception is JsonException or InvalidOperationException or KeyNotFoundException or FormatException)
        {
            return null;
        }
    }
}
