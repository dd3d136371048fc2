using System.Collections.Concurrent;
using PatrolScores.Gateway.Storage.Availability;
using PatrolScores.Gateway.Storage.Ephemeral;

namespace PatrolScores.Gateway.Patrols;

/// <summary>
/// Two levels: an in-process dictionary answers fresh hits with no I/O; the shared store (Redis in
/// distributed mode) holds each entry for the fallback window, counted from when it was fetched and
/// never extended by serving it. An expired first-level entry is refreshed from the store before
/// anyone calls OSM, so replicas pick up each other's fetches.
/// </summary>
internal sealed class ScoreCache(IScoreCacheStore store, FreshnessPolicy freshness, TimeProvider time, StoreCircuits? circuits = null)
{
    private readonly ConcurrentDictionary<ScoreCacheKey, ScoreEntry> _local = new();

    /// <summary>The hot path: a fresh entry from memory, or false.</summary>
    public bool TryGetFresh(ScoreCacheKey key, DateTimeOffset now, out ScoreEntry entry)
    {
        if (_local.TryGetValue(key, out entry!) && entry.ValidUntil > now)
        {
            return true;
        }

        entry = null!;
        return false;
    }

    /// <summary>
    /// The newest copy still inside the fallback window, fresh or not, from either level. While the shared
    /// store does not answer, the copy this process holds (if any) is the newest it can know.
    /// </summary>
    public Task<ScoreEntry?> GetLatestAsync(ScoreCacheKey key, CancellationToken cancellationToken) =>
        GetLatestAsync(key, TimeSpan.Zero, cancellationToken);

    /// <summary>
    /// As <see cref="GetLatestAsync(ScoreCacheKey, CancellationToken)"/>, but the first level answers alone only
    /// while its copy stays fresh for <paramref name="horizon"/> more: a refresh ahead of expiry reads the shared
    /// store, where another replica's refresh may already be.
    /// </summary>
    public async Task<ScoreEntry?> GetLatestAsync(ScoreCacheKey key, TimeSpan horizon, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        _local.TryGetValue(key, out var local);
        if (local is not null && local.ValidUntil > now + horizon)
        {
            return local;
        }

        return await ReadSharedAsync(key, local, now, cancellationToken);
    }

    /// <summary>
    /// Reads the shared store now and keeps its copy in the first level when it is newer than this process's:
    /// another replica announced a new copy (<c>Live.ScoreChangeFeed</c>), and this replica's boards, told to
    /// poll, must see it, not the older copy this process still holds as fresh.
    /// </summary>
    public Task<ScoreEntry?> ReloadAsync(ScoreCacheKey key, CancellationToken cancellationToken)
    {
        _local.TryGetValue(key, out var local);
        return ReadSharedAsync(key, local, time.GetUtcNow(), cancellationToken);
    }

    private async Task<ScoreEntry?> ReadSharedAsync(ScoreCacheKey key, ScoreEntry? local, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var window = freshness.Current.FallbackWindow;
        ScoreEntry? stored;
        try
        {
            stored = await store.GetAsync(key, cancellationToken) is { } bytes ? ScoreEntrySerializer.Deserialize(key, bytes) : null;
        }
        catch (Exception exception) when (StoreFailures.Is(exception))
        {
            circuits?.Report(exception);
            return local is not null && local.CachedAt + window > now ? local : null;
        }

        var newest = stored is not null && (local is null || stored.CachedAt > local.CachedAt) ? stored : local;
        if (newest is null || newest.CachedAt + window <= now)
        {
            _local.TryRemove(key, out _);
            return null;
        }

        _local[key] = newest;
        return newest;
    }

    public async Task StoreAsync(ScoreEntry entry, CancellationToken cancellationToken)
    {
        _local[entry.Key] = entry;
        var expiresAt = entry.CachedAt + freshness.Current.FallbackWindow;
        await store.SetAsync(entry.Key, ScoreEntrySerializer.Serialize(entry), expiresAt, cancellationToken);
    }

    /// <summary>
    /// Marks the newest copy stale now and keeps it as the fallback (its <c>cached_at</c>, and so its
    /// fallback window, unchanged): the next poll asks OSM, and if OSM cannot be asked the copy is still
    /// served, marked. Returns the expired copy, or null when there was none.
    /// </summary>
    public async Task<ScoreEntry?> ExpireAsync(ScoreCacheKey key, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (await GetLatestAsync(key, cancellationToken) is not { } latest)
        {
            return null;
        }

        var expired = new ScoreEntry(key, latest.PatrolsJson, latest.CachedAt, latest.ValidUntil < now ? latest.ValidUntil : now, latest.State);
        await StoreAsync(expired, cancellationToken);
        return expired;
    }

    public async Task InvalidateAsync(ScoreCacheKey key, CancellationToken cancellationToken)
    {
        _local.TryRemove(key, out _);
        await store.RemoveAsync(key, cancellationToken);
    }

    /// <summary>Drops this process's first-level entries of a section (every term); the shared store is untouched.</summary>
    public void ForgetLocal(long sectionId)
    {
        foreach (var key in _local.Keys)
        {
            if (key.SectionId == sectionId)
            {
                _local.TryRemove(key, out _);
            }
        }
    }

    /// <summary>Marks this process's first-level entries of a section stale now, keeping them as the fallback (an operator's expiry).</summary>
    public void ExpireLocal(long sectionId)
    {
        var now = time.GetUtcNow();
        foreach (var (key, entry) in _local)
        {
            if (key.SectionId == sectionId && entry.ValidUntil > now)
            {
                _local.TryUpdate(key, new ScoreEntry(key, entry.PatrolsJson, entry.CachedAt, now, entry.State), entry);
            }
        }
    }

    /// <summary>How many entries the first level holds, for the admin status.</summary>
    public int LocalCount => _local.Count;
}
