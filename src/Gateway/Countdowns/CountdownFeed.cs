using Microsoft.Extensions.Options;
using PatrolScores.Gateway.Live;
using PatrolScores.Gateway.Replicas;
using PatrolScores.Gateway.Storage;
using StackExchange.Redis;

namespace PatrolScores.Gateway.Countdowns;

/// <summary>
/// Tells every replica's boards of a countdown change, after it is stored: this replica's at once, the others' through the
/// Redis channel <c>&lt;prefix&gt;countdowns</c> in distributed mode (the configured key prefix, as Redis ACLs need). Each
/// replica sends the messages to its WebSocket boards of the section (or the one board) and wakes their streams, which
/// send a <c>timer</c> event. The subscription is confirmed at start-up, before the gateway accepts a connection.
/// </summary>
internal sealed partial class CountdownFeed(IOptions<StorageOptions> storage, IServiceProvider services, DeviceSocketHub hub, PatrolsStreams streams, ILogger<CountdownFeed> logger) : IHostedService
{
    private readonly ReplicaChannel _others = new("countdowns", storage, services);

    public async Task PublishAsync(CountdownSignal signal)
    {
        Deliver(signal);
        try
        {
            await _others.PublishAsync(signal.Encode());
        }
        catch (RedisException exception)
        {
            LogPublishFailed(signal.SectionId, exception.GetType().Name);
        }
    }

    public Task StartAsync(CancellationToken cancellationToken) =>
        _others.SubscribeAsync(payload =>
        {
            if (CountdownSignal.TryDecode(payload, out var signal))
            {
                Deliver(signal);
            }
        });

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private void Deliver(CountdownSignal signal)
    {
        foreach (var message in signal.Messages)
        {
            if (signal.DeviceId is { } device)
            {
                hub.PushToDevice(device, message);
            }
            else
            {
                hub.Push(signal.SectionId, message);
            }
        }

        streams.Wake(signal.SectionId, signal.DeviceId);
    }

    [LoggerMessage(EventId = 7505, Level = LogLevel.Warning, Message = "Section {SectionId}: could not tell the other replicas' boards of a countdown change ({ErrorType}); they see it when they reconnect")]
    private partial void LogPublishFailed(long sectionId, string errorType);
}
