namespace PatrolScores.Gateway.Storage.Ephemeral;

/// <summary>
/// The recent versions of a section's scores (each copy whose scores changed), oldest first, so a live stream
/// resumed with <c>Last-Event-ID</c> gets exactly the versions it missed. Values are opaque bytes (the cache
/// layer's format); at most <paramref name="keep"/> per key are kept, the whole list until <c>expiresAt</c>.
/// </summary>
public interface IScoreVersionStore
{
    /// <summary>Adds a version after the others, dropping the oldest beyond <paramref name="keep"/>.</summary>
    Task AppendAsync(ScoreCacheKey key, byte[] value, int keep, DateTimeOffset expiresAt, CancellationToken cancellationToken);

    /// <summary>The kept versions, oldest first (empty when none, or after <c>expiresAt</c>).</summary>
    Task<IReadOnlyList<byte[]>> ListAsync(ScoreCacheKey key, CancellationToken cancellationToken);
}
