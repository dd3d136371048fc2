using System.Collections.Concurrent;
using PatrolScores.Gateway.Storage.Ephemeral;

namespace PatrolScores.Gateway.Storage.InProcess;

/// <summary>The embedded mode's locks: one process, so a dictionary of leases is enough.</summary>
internal sealed class InMemoryLockProvider(TimeProvider time) : IDistributedLockProvider
{
    private readonly ConcurrentDictionary<string, Lease> _leases = new(StringComparer.Ordinal);

    public Task<IAsyncDisposable?> TryAcquireAsync(string name, TimeSpan lease, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var mine = new Lease(Guid.NewGuid(), now + lease);
        while (true)
        {
            if (_leases.TryAdd(name, mine))
            {
                return Task.FromResult<IAsyncDisposable?>(new Handle(this, name, mine));
            }

            if (!_leases.TryGetValue(name, out var held))
            {
                continue;
            }

            if (held.ExpiresAt > now)
            {
                return Task.FromResult<IAsyncDisposable?>(null);
            }

            // The holder's lease ran out (it crashed or hung): take over, unless someone beat us to it.
            if (_leases.TryUpdate(name, mine, held))
            {
                return Task.FromResult<IAsyncDisposable?>(new Handle(this, name, mine));
            }
        }
    }

    private sealed record Lease(Guid Owner, DateTimeOffset ExpiresAt);

    private sealed class Handle(InMemoryLockProvider provider, string name, Lease lease) : IAsyncDisposable
    {
        public ValueTask DisposeAsync()
        {
            // Release only our own lease: after a takeover the name belongs to someone else.
            provider._leases.TryRemove(new KeyValuePair<string, Lease>(name, lease));
            return ValueTask.CompletedTask;
        }
    }
}
