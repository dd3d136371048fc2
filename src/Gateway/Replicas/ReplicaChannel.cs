using Microsoft.Extensions.Options;
using PatrolScores.Gateway.Storage;
using PatrolScores.Gateway.Storage.Redis;
using StackExchange.Redis;

namespace PatrolScores.Gateway.Replicas;

/// <summary>
/// A fire-and-forget Redis pub/sub channel to the other replicas (<c>&lt;prefix&gt;{name}</c>: the configured key prefix, as
/// Redis ACLs need), for news each replica applies to its own connections (new scores, countdowns). A message carries
/// this replica's origin so that it ignores its own; in embedded mode there are no other replicas and nothing is sent.
/// Unlike <see cref="ReplicaBroadcast"/> nothing is acknowledged: a lost message costs a board time, not correctness.
/// </summary>
internal sealed class ReplicaChannel(string name, IOptions<StorageOptions> storage, IServiceProvider services)
{
    private const char OriginSeparator = '|';
    private readonly string _origin = Guid.NewGuid().ToString("N");

    /// <summary>Sends <paramref name="payload"/> to the other replicas (none in embedded mode).</summary>
    /// <exception cref="RedisException">Redis did not take it.</exception>
    public async Task PublishAsync(string payload)
    {
        if (Redis is { } redis)
        {
            await redis.Multiplexer.GetSubscriber().PublishAsync(Channel(redis), _origin + OriginSeparator + payload);
        }
    }

    /// <summary>Calls <paramref name="fromOtherReplica"/> with each payload another replica publishes; confirmed when this returns.</summary>
    public async Task SubscribeAsync(Action<string> fromOtherReplica)
    {
        if (Redis is { } redis)
        {
            await redis.Multiplexer.GetSubscriber().SubscribeAsync(Channel(redis), (_, message) =>
            {
                var text = message.ToString();
                var separator = text.IndexOf(OriginSeparator, StringComparison.Ordinal);
                if (separator > 0 && !text.AsSpan(0, separator).SequenceEqual(_origin))
                {
                    fromOtherReplica(text[(separator + 1)..]);
                }
            });
        }
    }

    private RedisConnection? Redis => storage.Value.Mode == StorageMode.Distributed ? services.GetRequiredService<RedisConnection>() : null;

    private RedisChannel Channel(RedisConnection redis) => RedisChannel.Literal(redis.Keys.Prefix + name);
}
