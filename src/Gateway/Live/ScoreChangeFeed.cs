using Microsoft.Extensions.Options;
using PatrolScores.Gateway.Replicas;
using PatrolScores.Gateway.Storage;
using StackExchange.Redis;

namespace PatrolScores.Gateway.Live;

/// <summary>
/// Tells every replica's boards that a section has a new copy. Published only after the copy is readable
/// from the cache (boards that re-poll must see it). Delivered to this process's listeners at once; in
/// distributed mode also on the Redis channel <c>&lt;prefix&gt;scores</c> (the configured key prefix, so it
/// works under Redis ACLs), from which every other replica delivers it to its own listeners. The
/// subscription is confirmed at start-up, before the gateway accepts a connection. A lost message costs a
/// board nothing but time: it still polls at <c>cache_expires_at</c>.
/// </summary>
internal sealed partial class ScoreChangeFeed(IOptions<StorageOptions> storage, IServiceProvider services, Patrols.ScoreCache cache, ILogger<ScoreChangeFeed> logger) : IHostedService
{
    // Messages this replica published would come back on the channel; its listeners already have them.
    private readonly ReplicaChannel _others = new("scores", storage, services);
    private readonly List<Action<ScoreChange>> _listeners = [];

    /// <summary>Calls <paramref name="listener"/> for every change, from any replica. Register before start-up ends.</summary>
    public void Listen(Action<ScoreChange> listener)
    {
        lock (_listeners)
        {
            _listeners.Add(listener);
        }
    }

    public async Task PublishAsync(ScoreChange change)
    {
        Deliver(change);
        try
        {
            await _others.PublishAsync(change.Encode());
        }
        catch (RedisException exception)
        {
            LogPublishFailed(change.Key.SectionId, exception.GetType().Name);
        }
    }

    public Task StartAsync(CancellationToken cancellationToken) =>
        _others.SubscribeAsync(payload =>
        {
            if (ScoreChange.TryDecode(payload, out var change))
            {
                _ = DeliverFromOtherReplicaAsync(change);
            }
        });

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    // Another replica stored the copy: this process's first level may still hold the older one as fresh, so it
    // reads the new one first; only then are the boards told (they re-poll, and must see it).
    private async Task DeliverFromOtherReplicaAsync(ScoreChange change)
    {
        try
        {
            await cache.ReloadAsync(change.Key, CancellationToken.None);
        }
        catch (Exception exception)
        {
            LogReloadFailed(change.Key.SectionId, exception.GetType().Name);
        }

        Deliver(change);
    }

    private void Deliver(ScoreChange change)
    {
        Action<ScoreChange>[] listeners;
        lock (_listeners)
        {
            listeners = [.. _listeners];
        }

        foreach (var listener in listeners)
        {
            listener(change);
        }
    }

    [LoggerMessage(EventId = 7503, Level = LogLevel.Warning, Message = "Section {SectionId}: another replica's new scores could not be read here ({ErrorType}); boards told anyway")]
    private partial void LogReloadFailed(long sectionId, string errorType);

    [LoggerMessage(EventId = 7501, Level = LogLevel.Warning, Message = "Section {SectionId}: could not tell the other replicas' boards of new scores ({ErrorType}); they see them at their next poll")]
    private partial void LogPublishFailed(long sectionId, string errorType);
}
