namespace PatrolScores.Gateway.Storage.Records;

/// <summary>
/// Snapshots of sections' scores for trends (<c>score_snapshots</c>), in the record store of either mode. A
/// snapshot is named by (section, taken at): storing one twice keeps the first.
/// </summary>
public interface IScoreSnapshotStore
{
    /// <summary>Stores <paramref name="snapshot"/> whole (all its patrols or none); a snapshot already stored under the same name is left as it was.</summary>
    Task AppendAsync(ScoreSnapshot snapshot, CancellationToken cancellationToken);

    /// <summary>
    /// A section's snapshots taken at or after <paramref name="from"/>, plus the last one taken before it (the
    /// scores at <paramref name="from"/>), oldest first, each with its patrols in their stored order.
    /// </summary>
    Task<IReadOnlyList<ScoreSnapshot>> ListSinceAsync(long sectionId, DateTimeOffset from, CancellationToken cancellationToken);

    /// <summary>Deletes every snapshot taken before <paramref name="cutoff"/>; returns how many patrol rows went.</summary>
    Task<int> DeleteBeforeAsync(DateTimeOffset cutoff, CancellationToken cancellationToken);
}
