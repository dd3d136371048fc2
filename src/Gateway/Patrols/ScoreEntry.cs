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
    private byte[]? _liveHitBody;
    private string? _hitTag;
    private string? _liveHitTag;

    public ScoreCacheKey Key { get; } = key;

    /// <summary>The device-format patrols array, <c>[{"id":..,"name":..,"score":..}]</c>.</summary>
    public byte[] PatrolsJson { get; } = patrolsJson;

    public DateTimeOffset CachedAt { get; } = cachedAt;

    public DateTimeOffset ValidUntil { get; } = validUntil;

    public RateLimitState State { get; } = state;

    /// <summary>The fresh hit's body, built once per entry (and per <paramref name="live"/>: whether it asks boards to open their live channel).</summary>
    public byte[] HitBody(bool live) => live
        ? _liveHitBody ??= Body(fromCache: true, ValidUntil, State, live: true)
        : _hitBody ??= Body(fromCache: true, ValidUntil, State, live: false);

    /// <summary>The fresh hit body's strong entity tag (<see cref="EntityTags"/>), built once per entry and <paramref name="live"/>.</summary>
    public string HitTag(bool live) => live
        ? _liveHitTag ??= EntityTags.For(HitBody(live: true))
        : _hitTag ??= EntityTags.For(HitBody(live: false));

    public byte[] Body(bool fromCache, DateTimeOffset cacheExpiresAt, RateLimitState state, bool live)
    {
        var buffer = new ArrayBufferWriter<byte>(PatrolsJson.Length + 190);
        DevicePatrolsJson.WriteDeviceBody(buffer, PatrolsJson, fromCache, CachedAt, cacheExpiresAt, state.ToWire(), live);
        return buffer.WrittenSpan.ToArray();
    }
}
