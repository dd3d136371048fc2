using Dapper;
using PatrolScores.Gateway.Storage.Records;

namespace PatrolScores.Gateway.Storage.Sql;

/// <summary>Patrol colours as rows of <c>patrol_colours</c>, one per (section, patrol) that has a colour.</summary>
internal sealed class SqlPatrolColourStore(IDbConnectionFactory connections) : IPatrolColourStore
{
    private const string Select = "SELECT patrol_id AS PatrolId, colour AS Colour FROM patrol_colours WHERE section_id = @SectionId";

    private const string Upsert = """
        INSERT INTO patrol_colours (section_id, patrol_id, colour, updated_by, updated_at)
        VALUES (@SectionId, @PatrolId, @Colour, @UpdatedBy, @UpdatedAt)
        ON CONFLICT (section_id, patrol_id) DO UPDATE SET colour = excluded.colour, updated_by = excluded.updated_by, updated_at = excluded.updated_at
        """;

    private const string Delete = "DELETE FROM patrol_colours WHERE section_id = @SectionId AND patrol_id = @PatrolId";

    public async Task<IReadOnlyDictionary<long, string>> GetAsync(long sectionId, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<(long PatrolId, string Colour)>(new CommandDefinition(Select, new { SectionId = sectionId }, cancellationToken: cancellationToken));
        return rows.ToDictionary(row => row.PatrolId, row => row.Colour);
    }

    public async Task SetAsync(long sectionId, IReadOnlyDictionary<long, string> colours, long updatedBy, DateTimeOffset updatedAt, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        foreach (var (patrolId, colour) in colours)
        {
            var parameters = new { SectionId = sectionId, PatrolId = patrolId, Colour = colour, UpdatedBy = updatedBy, UpdatedAt = UnixTime.ToMs(updatedAt) };
            await connection.ExecuteAsync(new CommandDefinition(colour.Length == 0 ? Delete : Upsert, parameters, transaction, cancellationToken: cancellationToken));
        }

        await transaction.CommitAsync(cancellationToken);
    }
}
