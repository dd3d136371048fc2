namespace PatrolScores.Gateway.Storage.Records;

/// <summary>The stored audit trail, newest first, paged by id.</summary>
public interface IAuditStore
{
    Task AppendAsync(AuditEntry entry, CancellationToken cancellationToken);

    /// <summary>Up to <paramref name="limit"/> events older than <paramref name="beforeId"/> (all when null), newest first.</summary>
    Task<IReadOnlyList<AuditEntry>> ListAsync(long? beforeId, int limit, string? action, CancellationToken cancellationToken);

    /// <summary>Deletes events that happened before the cutoff; returns how many.</summary>
    Task<int> DeleteBeforeAsync(DateTimeOffset cutoff, CancellationToken cancellationToken);
}
