namespace PatrolScores.Gateway.Storage.Records;

/// <summary>Patrol colours per section (issue 13): records of truth, kept across restarts and shared by every replica.</summary>
public interface IPatrolColourStore
{
    /// <summary>The section's colours: patrol id → colour name (only patrols that have one).</summary>
    Task<IReadOnlyDictionary<long, string>> GetAsync(long sectionId, CancellationToken cancellationToken);

    /// <summary>
    /// Sets the given patrols' colours in one transaction (<c>""</c> removes a patrol's colour); other patrols keep theirs.
    /// <paramref name="updatedBy"/> is the leader's OSM user id.
    /// </summary>
    Task SetAsync(long sectionId, IReadOnlyDictionary<long, string> colours, long updatedBy, DateTimeOffset updatedAt, CancellationToken cancellationToken);
}
