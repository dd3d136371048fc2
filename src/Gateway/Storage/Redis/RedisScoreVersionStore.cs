using PatrolScores.Gateway.Storage.Ephemeral;
using StackExchange.Redis;

namespace PatrolScores.Gateway.Storage.Redis;

/// <summary>
/// The distributed mode's score versions: a list <c>&lt;prefix&gt;versions:&lt;section&gt;:&lt;term&gt;</c>
/// (RPUSH, LTRIM to the last N, expiring with the fallback window), shared by every replica.
/// </summary>
internal sealed class RedisScoreVersionStore(RedisConnection redis, TimeProvider time) : IScoreVersionStore
{
    public async Task AppendAsync(ScoreCacheKey key, byte[] value, int keep, DateTimeOffset expiresAt, CancellationToken cancellationToken)
    {
        var database = redis.Database;
        var list = redis.Keys.ScoreVersions(key);
        var transaction = database.CreateTransaction();
        _ = transaction.ListRightPushAsync(list, value);
        _ = transaction.ListTrimAsync(list, -keep, -1);
        _ = transaction.KeyExpireAsync(list, RedisExpiry.Until(expiresAt, time));
        await transaction.ExecuteAsync();
    }

    public async Task<IReadOnlyList<byte[]>> ListAsync(ScoreCacheKey key, CancellationToken cancellationToken)
    {
        var values = await redis.Database.ListRangeAsync(redis.Keys.ScoreVersions(key));
        return values.Select(value => (byte[])value!).ToList();
    }
}
