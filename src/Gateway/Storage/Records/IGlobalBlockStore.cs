namespace PatrolScores.Gateway.Storage.Records;

/// <summary>
/// The global block, kept with the records (not only in a cache) in both modes: a Redis restart
/// must never forget that OSM blocked us.
/// </summary>
public interface IGlobalBlockStore
{
    Task<GlobalBlock?> GetAsync(CancellationToken cancellationToken);

    /// <summary>Sets the block unless one already holds; true when this call set it.</summary>
    Task<bool> SetAsync(GlobalBlock block, CancellationToken cancellationToken);

    /// <summary>Lifts the block; false when none held.</summary>
    Task<bool> ClearAsync(CancellationToken cancellationToken);
}
