using System.Buffers;
using PatrolScores.Gateway.Storage.Ephemeral;
using PatrolScores.Transforms.Patrols;

namespace PatrolScores.Gateway.Patrols;

/// <summary>
/// One section's scores for one term, as fetched. The device body for a fresh hit never changes
/// while the entry is fresh, so it is serialized once and served as bytes.
/// </summary>
internal sealed class ScoreEntry(ScoreCacheKey key, byte[] patrolsJson, DateTimeOffset cachedAt, DateTimeOffset validUntil, RateLimitState state)
{
    private byte[]? _hitBody;

    public ScoreCacheKey Key { get; } = key;

    /// <summary>The device-format patrols array, <c>[{"id":..,"name":..,"score":..}]</c>.</summary>
    public byte[] PatrolsJson { get; } = patrolsJson;

    public DateTimeOffset CachedAt { get; } = cachedAt;

    public DateTimeOffset ValidUntil { get; } = validUntil;

    public RateLimitState State { get; } = state;

    public byte[] HitBody => _hitBody ??= Body(fromCache: true, ValidUntil, State);

    public byte[] Body(bool fromCache, DateTimeOffset cacheExpiresAt, RateLimitState state)
    {
        var buffer = new ArrayBufferWriter<byte>(PatrolsJson.Length + 160);
        DevicePatrolsJson.WriteDeviceBody(buffer, PatrolsJson, fromCache, CachedAt, cacheExpiresAt, state.ToWire());
        return buffer.WrittenSpan.ToArray();
    }
}
