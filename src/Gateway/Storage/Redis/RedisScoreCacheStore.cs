using System.Buffers.Binary;
using PatrolScores.Gateway.Storage.Ephemeral;
using StackExchange.Redis;

namespace PatrolScores.Gateway.Storage.Redis;

/// <summary>
/// The score cache in Redis. Each value is framed with its expiry (8 bytes, Unix ms) ahead of the
/// cache layer's bytes, so that expiry is judged by the injected clock.
/// </summary>
internal sealed class RedisScoreCacheStore(RedisConnection redis, TimeProvider time) : IScoreCacheStore
{
    private const int HeaderLength = sizeof(long);

    public async Task<byte[]?> GetAsync(ScoreCacheKey key, CancellationToken cancellationToken)
    {
        var stored = (byte[]?)await redis.Database.StringGetAsync(redis.Keys.ScoreCache(key));
        if (stored is null || stored.Length < HeaderLength)
        {
            return null;
        }

        var expiresAtMs = BinaryPrimitives.ReadInt64BigEndian(stored);
        return expiresAtMs > time.GetUtcNow().ToUnixTimeMilliseconds() ? stored[HeaderLength..] : null;
    }

    public async Task SetAsync(ScoreCacheKey key, byte[] value, DateTimeOffset expiresAt, CancellationToken cancellationToken)
    {
        var framed = new byte[HeaderLength + value.Length];
        BinaryPrimitives.WriteInt64BigEndian(framed, expiresAt.ToUnixTimeMilliseconds());
        value.CopyTo(framed, HeaderLength);
        await redis.Database.StringSetAsync(redis.Keys.ScoreCache(key), framed, RedisExpiry.Until(expiresAt, time));
    }

    public Task<bool> RemoveAsync(ScoreCacheKey key, CancellationToken cancellationToken) =>
        redis.Database.KeyDeleteAsync(redis.Keys.ScoreCache(key));
}
