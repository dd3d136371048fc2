namespace PatrolScores.Gateway.Storage.Ephemeral;

/// <summary>Per-user quota as last reported by OSM; a record lapses at its reset time.</summary>
public interface IQuotaStore
{
    Task RecordAsync(long userId, QuotaSnapshot snapshot, CancellationToken cancellationToken);

    Task<QuotaSnapshot?> GetAsync(long userId, CancellationToken cancellationToken);

    Task<IReadOnlyList<UserQuota>> ListAsync(CancellationToken cancellationToken);
}
