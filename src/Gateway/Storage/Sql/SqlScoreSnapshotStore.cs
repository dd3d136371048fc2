using Dapper;
using PatrolScores.Gateway.Storage.Records;

namespace PatrolScores.Gateway.Storage.Sql;

/// <summary>
/// Score snapshots in SQLite or PostgreSQL (<c>score_snapshots</c>): one row per patrol, keyed by (section, taken
/// at, position), written in one transaction so that a snapshot is whole or absent.
/// </summary>
internal sealed class SqlScoreSnapshotStore(IDbConnectionFactory connections) : IScoreSnapshotStore
{
    private const string Insert = """
        INSERT INTO score_snapshots (section_id, taken_at, term_id, position, patrol_id, patrol_name, score)
        VALUES (@SectionId, @TakenAt, @TermId, @Position, @PatrolId, @PatrolName, @Score)
        ON CONFLICT DO NOTHING
        """;

    // The snapshots from @From on, and the last one before it: the scores the window starts with.
    private const string SelectSince = """
        SELECT section_id AS SectionId, taken_at AS TakenAt, term_id AS TermId, patrol_id AS PatrolId,
               patrol_name AS PatrolName, score AS Score
        FROM score_snapshots
        WHERE section_id = @SectionId
          AND taken_at >= COALESCE(
              (SELECT MAX(taken_at) FROM score_snapshots WHERE section_id = @SectionId AND taken_at < @From), @From)
        ORDER BY taken_at, position
        """;

    private const string DeleteBefore = "DELETE FROM score_snapshots WHERE taken_at < @Cutoff";

    public async Task AppendAsync(ScoreSnapshot snapshot, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var takenAt = UnixTime.ToMs(snapshot.TakenAt);
        var rows = snapshot.Patrols.Select((patrol, position) => new
        {
            snapshot.SectionId,
            TakenAt = takenAt,
            snapshot.TermId,
            Position = position,
            PatrolId = patrol.Id,
            PatrolName = patrol.Name,
            patrol.Score,
        }).ToList();
        if (rows.Count == 0)
        {
            return;
        }

        await using var connection = await connections.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(Insert, rows, transaction, cancellationToken: cancellationToken));
        await transaction.CommitAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<ScoreSnapshot>> ListSinceAsync(long sectionId, DateTimeOffset from, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<Row>(new CommandDefinition(
            SelectSince, new { SectionId = sectionId, From = UnixTime.ToMs(from) }, cancellationToken: cancellationToken));
        return [.. rows
            .GroupBy(row => row.TakenAt)
            .Select(group => new ScoreSnapshot(
                sectionId,
                group.First().TermId,
                UnixTime.FromMs(group.Key),
                [.. group.Select(row => new SnapshotPatrol(row.PatrolId, row.PatrolName, (int)row.Score))]))];
    }

    public async Task<int> DeleteBeforeAsync(DateTimeOffset cutoff, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        return await connection.ExecuteAsync(new CommandDefinition(DeleteBefore, new { Cutoff = UnixTime.ToMs(cutoff) }, cancellationToken: cancellationToken));
    }

    // Numbers as long: SQLite gives every INTEGER as one.
    private sealed class Row
    {
        public long SectionId { get; init; }
        public long TakenAt { get; init; }
        public long TermId { get; init; }
        public string PatrolId { get; init; } = "";
        public string PatrolName { get; init; } = "";
        public long Score { get; init; }
    }
}
