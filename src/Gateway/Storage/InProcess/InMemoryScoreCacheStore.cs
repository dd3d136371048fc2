using System.Collections.Concurrent;
using PatrolScores.Gateway.Storage.Ephemeral;

namespace PatrolScores.Gateway.Storage.InProcess;

/// <summary>The embedded mode's score cache: a dictionary whose entries lapse by the injected clock.</summary>
internal sealed class InMemoryScoreCacheStore(TimeProvider time) : IScoreCacheStore
{
    private readonly ConcurrentDictionary<ScoreCacheKey, Entry> _entries = new();

    public Task<byte[]?> GetAsync(ScoreCacheKey key, CancellationToken cancellationToken)
    {
        if (_entries.TryGetValue(key, out var entry))
        {
            if (entry.ExpiresAt > time.GetUtcNow())
            {
                return Task.FromResult<byte[]?>(entry.Value);
            }

            _entries.TryRemove(new KeyValuePair<ScoreCacheKey, Entry>(key, entry));
        }

        return Task.FromResult<byte[]?>(null);
    }

    public Task SetAsync(ScoreCacheKey key, byte[] value, DateTimeOffset expiresAt, CancellationToken cancellationToken)
    {
        _entries[key] = new Entry(value, expiresAt);
        return Task.CompletedTask;
    }

    public Task<bool> RemoveAsync(ScoreCacheKey key, CancellationToken cancellationToken) =>
        Task.FromResult(_entries.TryRemove(key, out _));

    private sealed record Entry(byte[] Value, DateTimeOffset ExpiresAt);
}
