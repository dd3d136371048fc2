using System.Text.Json;
using PatrolScores.Gateway.Storage.Ephemeral;
using PatrolScores.Gateway.Storage.Sql;

namespace PatrolScores.Gateway.Storage.Redis;

/// <summary>Per-user quota in Redis, one key per user with TTL = the window's reset.</summary>
internal sealed class RedisQuotaStore(RedisConnection redis, TimeProvider time) : IQuotaStore
{
    public async Task RecordAsync(long userId, QuotaSnapshot snapshot, CancellationToken cancellationToken)
    {
        var stored = new StoredQuota(
            StoredQuota.CurrentVersion,
            snapshot.Limit,
            snapshot.Remaining,
            UnixTime.ToMs(snapshot.ResetAt),
            UnixTime.ToMs(snapshot.ObservedAt));
        var json = JsonSerializer.SerializeToUtf8Bytes(stored, StoredValueJsonContext.Default.StoredQuota);
        await redis.Database.StringSetAsync(redis.Keys.Quota(userId), json, RedisExpiry.Until(snapshot.ResetAt, time));
    }

    public async Task<QuotaSnapshot?> GetAsync(long userId, CancellationToken cancellationToken)
    {
        var json = (byte[]?)await redis.Database.StringGetAsync(redis.Keys.Quota(userId));
        return Read(json);
    }

    public async Task<IReadOnlyList<UserQuota>> ListAsync(CancellationToken cancellationToken)
    {
        var result = new List<UserQuota>();
        await foreach (var (userId, json) in RedisScan.ValuesAsync(redis, redis.Keys.QuotaPattern, cancellationToken))
        {
            if (Read(json) is { } snapshot)
            {
                result.Add(new UserQuota(userId, snapshot));
            }
        }

        result.Sort((a, b) => a.UserId.CompareTo(b.UserId));
        return result;
    }

    private QuotaSnapshot? Read(byte[]? json)
    {
        if (json is null)
        {
            return null;
        }

        var stored = JsonSerializer.Deserialize(json, StoredValueJsonContext.Default.StoredQuota);
        if (stored is not { V: StoredQuota.CurrentVersion } || stored.ResetAtMs <= UnixTime.ToMs(time.GetUtcNow()))
        {
            return null;
        }

        return new QuotaSnapshot(stored.Limit, stored.Remaining, UnixTime.FromMs(stored.ResetAtMs), UnixTime.FromMs(stored.ObservedAtMs));
    }
}
