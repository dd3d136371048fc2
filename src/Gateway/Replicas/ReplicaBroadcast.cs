using PatrolScores.Gateway.Storage.Redis;
using StackExchange.Redis;

namespace PatrolScores.Gateway.Replicas;

/// <summary>
/// Redis pub/sub with acknowledgements: a message reaches every replica (this one included), each
/// acknowledges once it has applied it, and the publisher returns when all that received it have (or
/// after <see cref="AckTimeout"/>), so "the next request, on any replica" means what it says.
/// </summary>
internal sealed class ReplicaBroadcast(RedisConnection redis)
{
    public static readonly TimeSpan AckTimeout = TimeSpan.FromSeconds(2);

    private const char Separator = '|';

    /// <summary>Applies <paramref name="apply"/> to every message on the channel, then acknowledges it.</summary>
    public Task SubscribeAsync(string channel, Action<string> apply)
    {
        var subscriber = redis.Multiplexer.GetSubscriber();
        return subscriber.SubscribeAsync(Channel(channel), (_, message) =>
        {
            var text = message.ToString();
            var separator = text.IndexOf(Separator, StringComparison.Ordinal);
            if (separator <= 0)
            {
                return;
            }

            apply(text[(separator + 1)..]);
            subscriber.Publish(AckChannel(channel), text[..separator], CommandFlags.FireAndForget);
        });
    }

    public async Task PublishAsync(string channel, string payload, CancellationToken cancellationToken)
    {
        var id = Guid.NewGuid().ToString("N");
        var subscriber = redis.Multiplexer.GetSubscriber();
        var acknowledged = 0;
        var expected = long.MaxValue;
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Action<RedisChannel, RedisValue> onAck = (_, ack) =>
        {
            if (ack == id && Interlocked.Increment(ref acknowledged) >= Interlocked.Read(ref expected))
            {
                done.TrySetResult();
            }
        };
        await subscriber.SubscribeAsync(AckChannel(channel), onAck);
        try
        {
            Interlocked.Exchange(ref expected, await subscriber.PublishAsync(Channel(channel), id + Separator + payload));
            if (Volatile.Read(ref acknowledged) >= Interlocked.Read(ref expected))
            {
                return;
            }

            await done.Task.WaitAsync(AckTimeout, cancellationToken).ContinueWith(_ => { }, TaskScheduler.Default);
        }
        finally
        {
            await subscriber.UnsubscribeAsync(AckChannel(channel), onAck);
        }
    }

    private RedisChannel Channel(string name) => RedisChannel.Literal($"{redis.Keys.Prefix}{name}");

    private RedisChannel AckChannel(string name) => RedisChannel.Literal($"{redis.Keys.Prefix}{name}:ack");
}
