using Microsoft.Extensions.Options;
using PatrolScores.Gateway.Storage;
using PatrolScores.Gateway.Storage.Redis;
using StackExchange.Redis;

namespace PatrolScores.Gateway.Replicas;

/// <summary>
/// Tells every replica about an operator's change: applied here at once, and in distributed mode
/// published on Redis pub/sub so every other replica applies it within milliseconds (a replica that
/// misses it converges anyway: its memory only ever holds entries that expire).
/// </summary>
internal sealed partial class ReplicaSignals(
    ReplicaSignalHandler handler,
    IOptions<StorageOptions> storage,
    IServiceProvider services,
    ILogger<ReplicaSignals> logger) : IHostedService
{
    public async Task PublishAsync(ReplicaSignal signal)
    {
        handler.Apply(signal);
        if (Redis is { } redis)
        {
            try
            {
                await redis.Multiplexer.GetSubscriber().PublishAsync(Channel(redis), signal.Encode());
            }
            catch (RedisException exception)
            {
                LogPublishFailed(signal.Kind.ToString(), exception.GetType().Name);
            }
        }
    }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (Redis is { } redis)
        {
            await redis.Multiplexer.GetSubscriber().SubscribeAsync(Channel(redis), (_, message) =>
            {
                if (ReplicaSignal.TryDecode(message, out var signal))
                {
                    handler.Apply(signal);
                }
            });
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private RedisConnection? Redis =>
        storage.Value.Mode == StorageMode.Distributed ? services.GetRequiredService<RedisConnection>() : null;

    private static RedisChannel Channel(RedisConnection redis) => RedisChannel.Literal($"{redis.Keys.Prefix}signals");

    [LoggerMessage(EventId = 7101, Level = LogLevel.Warning, Message = "Could not tell the other replicas about {Signal} ({ErrorType}); they catch up as their memory expires")]
    private partial void LogPublishFailed(string signal, string errorType);
}
