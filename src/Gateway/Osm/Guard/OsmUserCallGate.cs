using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using PatrolScores.Gateway.Storage.Ephemeral;

namespace PatrolScores.Gateway.Osm.Guard;

/// <summary>
/// Calls on behalf of one OSM user are never concurrent, in this process (a semaphore per user) and
/// across replicas (the lock <c>osmuser:{id}</c>, leased for <c>Osm:RequestTimeout</c> and a margin). The
/// guard holds the gate from its block check until it has read the answer's signals, so the first 429 or
/// <c>X-Blocked</c> is recorded before the user's next call checks the blocks: calls already waiting
/// are refused instead of landing (OSM's guidance: stop at the first refusal).
/// </summary>
internal sealed class OsmUserCallGate(IDistributedLockProvider locks, IOptionsMonitor<OsmOptions> osm)
{
    private static readonly TimeSpan RetryInterval = TimeSpan.FromMilliseconds(25);

    private readonly ConcurrentDictionary<long, SemaphoreSlim> _local = new();

    /// <summary>Waits for the user's turn; dispose the result to hand the turn on.</summary>
    public async Task<IAsyncDisposable> EnterAsync(long userId, CancellationToken cancellationToken)
    {
        var local = _local.GetOrAdd(userId, static _ => new SemaphoreSlim(1, 1));
        await local.WaitAsync(cancellationToken);
        try
        {
            var lease = osm.CurrentValue.RequestTimeout + TimeSpan.FromSeconds(5);
            while (true)
            {
                if (await locks.TryAcquireAsync($"osmuser:{userId}", lease, cancellationToken) is { } held)
                {
                    return new Turn(local, held);
                }

                // Another replica is calling OSM for this user: its call takes real time.
                await Task.Delay(RetryInterval, cancellationToken);
            }
        }
        catch
        {
            local.Release();
            throw;
        }
    }

    private sealed class Turn(SemaphoreSlim local, IAsyncDisposable held) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            try
            {
                await held.DisposeAsync();
            }
            finally
            {
                local.Release();
            }
        }
    }
}
