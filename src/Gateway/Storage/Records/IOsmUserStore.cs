namespace PatrolScores.Gateway.Storage.Records;

/// <summary>OSM users and their (protected) tokens.</summary>
public interface IOsmUserStore
{
    Task UpsertAsync(OsmUserRecord user, CancellationToken cancellationToken);

    Task<OsmUserRecord?> GetAsync(long userId, CancellationToken cancellationToken);

    Task MarkReauthorizationRequiredAsync(long userId, DateTimeOffset at, CancellationToken cancellationToken);
}
