using PatrolScores.Gateway.Storage.Ephemeral;
using StackExchange.Redis;

namespace PatrolScores.Gateway.Storage.Redis;

/// <summary>
/// Locks shared by every replica: <c>SET key token NX PX lease</c>, released only by the holder of
/// the token (StackExchange.Redis's LockTake / LockRelease).
/// </summary>
internal sealed class RedisLockProvider(RedisConnection redis) : IDistributedLockProvider
{
    public async Task<IAsyncDisposable?> TryAcquireAsync(string name, TimeSpan lease, CancellationToken cancellationToken)
    {
        var key = redis.Keys.Lock(name);
        RedisValue token = Guid.NewGuid().ToString("N");
        return await redis.Database.LockTakeAsync(key, token, lease) ? new Handle(redis.Database, key, token) : null;
    }

    private sealed class Handle(IDatabase database, RedisKey key, RedisValue token) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync() => await database.LockReleaseAsync(key, token);
    }
}
