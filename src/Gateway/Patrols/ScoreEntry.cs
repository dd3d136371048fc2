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
    private HitBody? _hit;
    private HitBody? _liveHit;

    public ScoreCacheKey Key { get; } = key;

    /// <summary>The device-format patrols array, <c>[{"id":..,"name":..,"score":..}]</c>.</summary>
    public byte[] PatrolsJson { get; } = patrolsJson;

    public DateTimeOffset CachedAt { get; } = cachedAt;

    public DateTimeOffset ValidUntil { get; } = validUntil;

    public RateLimitState State { get; } = state;

    /// <summary>
    /// The fresh hit's body and strong entity tag (<see cref="EntityTags"/>), built once per entry, <paramref name="live"/>
    /// (whether it asks boards to open their live channel) and <paramref name="colours"/> (a new set, by reference, rebuilds it).
    /// </summary>
    public HitBody Hit(bool live, PatrolColourSet colours)
    {
        var built = live ? _liveHit : _hit;
        if (built is not null && ReferenceEquals(built.Colours, colours))
        {
            return built;
        }

        var body = Body(fromCache: true, ValidUntil, State, live, colours);
        built = new HitBody(colours, body, EntityTags.For(body));
        if (live)
        {
            _liveHit = built;
        }
        else
        {
            _hit = built;
        }

        return built;
    }

    public byte[] Body(bool fromCache, DateTimeOffset cacheExpiresAt, RateLimitState state, bool live, PatrolColourSet colours)
    {
        var buffer = new ArrayBufferWriter<byte>(PatrolsJson.Length + 190 + colours.SettingsJson.Length);
        DevicePatrolsJson.WriteDeviceBody(buffer, PatrolsJson, fromCache, CachedAt, cacheExpiresAt, state.ToWire(), live, colours.SettingsJson);
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>A fresh hit's body as written for one colour set, and its entity tag.</summary>
    internal sealed record HitBody(PatrolColourSet Colours, byte[] Body, string Tag);
}
