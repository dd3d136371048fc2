using Microsoft.Extensions.Options;
using PatrolScores.Gateway.Storage;
using StackExchange.Redis;

namespace PatrolScores.Gateway.Replicas;

/// <summary>
/// Tells every replica about an operator's change: applied here at once, and in distributed mode
/// broadcast to every other replica, which apply it before the operator's call returns (a replica
/// that misses it converges anyway: its memory only holds entries that expire).
/// </summary>
internal sealed partial class ReplicaSignals(
    ReplicaSignalHandler handler,
    IOptions<StorageOptions> storage,
    IServiceProvider services,
    ILogger<ReplicaSignals> logger) : IHostedService
{
    private const string Channel = "signals";

    public async Task PublishAsync(ReplicaSignal signal)
    {
        handler.Apply(signal);
        if (Broadcast is { } broadcast)
        {
            try
            {
                await broadcast.PublishAsync(Channel, signal.Encode(), CancellationToken.None);
            }
            catch (RedisException exception)
            {
                LogPublishFailed(signal.Kind.ToString(), exception.GetType().Name);
            }
        }
    }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (Broadcast is { } broadcast)
        {
            await broadcast.SubscribeAsync(Channel, message =>
            {
                if (ReplicaSignal.TryDecode(message, out var signal))
                {
                    handler.Apply(signal);
                }
            });
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private ReplicaBroadcast? Broadcast =>
        storage.Value.Mode == StorageMode.Distributed ? services.GetRequiredService<ReplicaBroadcast>() : null;

    [LoggerMessage(EventId = 7101, Level = LogLevel.Warning, Message = "Could not tell the other replicas about {Signal} ({ErrorType}); they catch up as their memory expires")]
    private partial void LogPublishFailed(string signal, string errorType);
}
