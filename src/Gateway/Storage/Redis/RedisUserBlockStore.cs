using System.Text.Json;
using PatrolScores.Gateway.Storage.Ephemeral;
using PatrolScores.Gateway.Storage.Sql;

namespace PatrolScores.Gateway.Storage.Redis;

/// <summary>Per-user temporary blocks in Redis, one key per user with TTL = the block's end.</summary>
internal sealed class RedisUserBlockStore(RedisConnection redis, TimeProvider time) : IUserBlockStore
{
    public async Task SetAsync(UserBlock block, CancellationToken cancellationToken)
    {
        var stored = new StoredUserBlock(
            StoredUserBlock.CurrentVersion, block.UserId, UnixTime.ToMs(block.Until), block.Reason, UnixTime.ToMs(block.SetAt));
        var json = JsonSerializer.SerializeToUtf8Bytes(stored, StoredValueJsonContext.Default.StoredUserBlock);
        await redis.Database.StringSetAsync(redis.Keys.UserBlock(block.UserId), json, RedisExpiry.Until(block.Until, time));
    }

    public async Task<UserBlock?> GetAsync(long userId, CancellationToken cancellationToken) =>
        Read((byte[]?)await redis.Database.StringGetAsync(redis.Keys.UserBlock(userId)));

    public async Task<bool> ClearAsync(long userId, CancellationToken cancellationToken)
    {
        var json = (byte[]?)await redis.Database.StringGetDeleteAsync(redis.Keys.UserBlock(userId));
        return Read(json) is not null;
    }

    public async Task<IReadOnlyList<UserBlock>> ListAsync(CancellationToken cancellationToken)
    {
        var result = new List<UserBlock>();
        await foreach (var (_, json) in RedisScan.ValuesAsync(redis, redis.Keys.UserBlockPattern, cancellationToken))
        {
            if (Read(json) is { } block)
            {
                result.Add(block);
            }
        }

        result.Sort((a, b) => a.UserId.CompareTo(b.UserId));
        return result;
    }

    private UserBlock? Read(byte[]? json)
    {
        if (json is null)
        {
            return null;
        }

        var stored = JsonSerializer.Deserialize(json, StoredValueJsonContext.Default.StoredUserBlock);
        if (stored is not { V: StoredUserBlock.CurrentVersion } || stored.UntilMs <= UnixTime.ToMs(time.GetUtcNow()))
        {
            return null;
        }

        return new UserBlock(stored.UserId, UnixTime.FromMs(stored.UntilMs), stored.Reason, UnixTime.FromMs(stored.SetAtMs));
    }
}
