namespace PatrolScores.Gateway.Storage.Ephemeral;

/// <summary>
/// The shared second level of the score cache. Values are opaque bytes (the cache layer owns the
/// format and its version); <c>expiresAt</c> ends the fallback window and is enforced on read with
/// the injected clock, so the store never serves past it whatever the backend's own TTL does.
/// </summary>
public interface IScoreCacheStore
{
    Task<byte[]?> GetAsync(ScoreCacheKey key, CancellationToken cancellationToken);

    Task SetAsync(ScoreCacheKey key, byte[] value, DateTimeOffset expiresAt, CancellationToken cancellationToken);

    Task<bool> RemoveAsync(ScoreCacheKey key, CancellationToken cancellationToken);
}
