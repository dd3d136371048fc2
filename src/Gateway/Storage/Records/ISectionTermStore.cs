namespace PatrolScores.Gateway.Storage.Records;

/// <summary>Each section's current term, so that term discovery runs once a day, not once a poll.</summary>
public interface ISectionTermStore
{
    Task<SectionTermRecord?> GetAsync(long sectionId, CancellationToken cancellationToken);

    Task UpsertAsync(SectionTermRecord record, CancellationToken cancellationToken);

    Task<bool> RemoveAsync(long sectionId, CancellationToken cancellationToken);
}
