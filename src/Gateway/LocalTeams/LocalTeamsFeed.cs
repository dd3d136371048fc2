using System.Globalization;
using Microsoft.Extensions.Options;
using PatrolScores.Gateway.Replicas;
using PatrolScores.Gateway.Storage;
using StackExchange.Redis;

namespace PatrolScores.Gateway.LocalTeams;

/// <summary>
/// Tells every replica that a leader's local scoreboard changed, after the change is stored: this replica's listeners at
/// once, the others' through the Redis channel <c>&lt;prefix&gt;local-teams</c> in distributed mode (a message is the owner's
/// OSM user id). Listeners (<see cref="Listen"/>) read the scoreboard themselves (<see cref="LocalScoreboards.ReadAsync"/>):
/// the message only says which. The subscription is confirmed at start-up, before the gateway accepts a connection.
/// </summary>
internal sealed partial class LocalTeamsFeed(IOptions<StorageOptions> storage, IServiceProvider services, ILogger<LocalTeamsFeed> logger) : IHostedService
{
    private readonly ReplicaChannel _others = new("local-teams", storage, services);
    private readonly Lock _gate = new();
    private Action<long>[] _listeners = [];

    /// <summary>
    /// Calls <paramref name="changed"/> with the owner's user id on every change of a local scoreboard, this replica's and the
    /// others'. It runs on the changing request (or Redis's message thread): keep it quick and hand slow work elsewhere; an
    /// exception it throws is logged (9202) and does not undo the change.
    /// </summary>
    public void Listen(Action<long> changed)
    {
        lock (_gate)
        {
            _listeners = [.. _listeners, changed];
        }
    }

    /// <summary>Tells this replica's listeners and the other replicas that <paramref name="ownerUserId"/>'s scoreboard changed.</summary>
    public async Task PublishAsync(long ownerUserId)
    {
        Deliver(ownerUserId);
        try
        {
            await _others.PublishAsync(ownerUserId.ToString(CultureInfo.InvariantCulture));
        }
        catch (RedisException exception)
        {
            LogPublishFailed(ownerUserId, exception.GetType().Name);
        }
    }

    public Task StartAsync(CancellationToken cancellationToken) =>
        _others.SubscribeAsync(payload =>
        {
            if (long.TryParse(payload, NumberStyles.None, CultureInfo.InvariantCulture, out var owner))
            {
                Deliver(owner);
            }
        });

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    // A listener that fails is logged and the others still run: the change is stored whatever a listener does.
    private void Deliver(long ownerUserId)
    {
        foreach (var listener in Volatile.Read(ref _listeners))
        {
            try
            {
                listener(ownerUserId);
            }
            catch (Exception exception) when (exception is not OutOfMemoryException)
            {
                LogListenerFailed(ownerUserId, exception.GetType().Name);
            }
        }
    }

    [LoggerMessage(EventId = 9201, Level = LogLevel.Warning, Message = "Leader {OwnerUserId}: could not tell the other replicas of a local scoreboard change ({ErrorType}); their boards see it at their next read")]
    private partial void LogPublishFailed(long ownerUserId, string errorType);

    [LoggerMessage(EventId = 9202, Level = LogLevel.Error, Message = "Leader {OwnerUserId}: a listener of local scoreboard changes failed ({ErrorType})")]
    private partial void LogListenerFailed(long ownerUserId, string errorType);
}
