using System.Collections.Concurrent;
using PatrolScores.Gateway.Storage.Ephemeral;

namespace PatrolScores.Gateway.Storage.InProcess;

/// <summary>The embedded mode's score versions: a short list per key, judged by the injected clock.</summary>
internal sealed class InMemoryScoreVersionStore(TimeProvider time) : IScoreVersionStore
{
    private readonly ConcurrentDictionary<ScoreCacheKey, Versions> _versions = new();

    public Task AppendAsync(ScoreCacheKey key, byte[] value, int keep, DateTimeOffset expiresAt, CancellationToken cancellationToken)
    {
        var versions = _versions.GetOrAdd(key, static _ => new Versions());
        lock (versions)
        {
            versions.Items.Add(value);
            if (versions.Items.Count > keep)
            {
                versions.Items.RemoveRange(0, versions.Items.Count - keep);
            }

            versions.ExpiresAt = expiresAt;
        }

        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<byte[]>> ListAsync(ScoreCacheKey key, CancellationToken cancellationToken)
    {
        if (!_versions.TryGetValue(key, out var versions))
        {
            return Task.FromResult<IReadOnlyList<byte[]>>([]);
        }

        lock (versions)
        {
            IReadOnlyList<byte[]> list = versions.ExpiresAt > time.GetUtcNow() ? [.. versions.Items] : [];
            return Task.FromResult(list);
        }
    }

    private sealed class Versions
    {
        public List<byte[]> Items { get; } = [];

        public DateTimeOffset ExpiresAt { get; set; }
    }
}
