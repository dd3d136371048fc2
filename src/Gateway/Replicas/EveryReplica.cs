using Microsoft.Extensions.Options;
using PatrolScores.Gateway.Storage;

namespace PatrolScores.Gateway.Replicas;

/// <summary>
/// Applies a change on every replica before the caller goes on: in distributed mode an acknowledged broadcast
/// (<see cref="ReplicaBroadcast"/>: every replica, this one included, applies it and acknowledges); in embedded mode, here
/// only. For the steps that must be done everywhere before the next one starts (forget a record, then tell the boards).
/// </summary>
internal sealed class EveryReplica(IOptions<StorageOptions> storage, IServiceProvider services)
{
    /// <summary>Applies <paramref name="payload"/> with the channel's subscriber on every replica (here only, in embedded mode).</summary>
    public async Task ApplyAsync(string channel, string payload, Action<string> here, CancellationToken cancellationToken)
    {
        if (Broadcast is { } broadcast)
        {
            await broadcast.PublishAsync(channel, payload, cancellationToken);
        }
        else
        {
            here(payload);
        }
    }

    /// <summary>Subscribes <paramref name="apply"/> to the channel (nothing to do in embedded mode); confirmed when this returns.</summary>
    public Task SubscribeAsync(string channel, Action<string> apply) =>
        Broadcast is { } broadcast ? broadcast.SubscribeAsync(channel, apply) : Task.CompletedTask;

    private ReplicaBroadcast? Broadcast =>
        storage.Value.Mode == StorageMode.Distributed ? services.GetRequiredService<ReplicaBroadcast>() : null;
}
