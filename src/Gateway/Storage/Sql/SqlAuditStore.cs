using Dapper;
using PatrolScores.Gateway.Storage.Records;

namespace PatrolScores.Gateway.Storage.Sql;

/// <summary>The audit trail in SQLite or PostgreSQL (<c>audit_events</c>), paged by id, newest first.</summary>
internal sealed class SqlAuditStore(IDbConnectionFactory connections) : IAuditStore
{
    private const string Insert = """
        INSERT INTO audit_events (occurred_at, actor, action, target, outcome, source, detail)
        VALUES (@OccurredAt, @Actor, @Action, @Target, @Outcome, @Source, @Detail)
        """;

    private const string Select = """
        SELECT id AS Id, occurred_at AS OccurredAt, actor AS Actor, action AS Action, target AS Target,
               outcome AS Outcome, source AS Source, detail AS Detail
        FROM audit_events
        WHERE (@BeforeId IS NULL OR id < @BeforeId) AND (@Action IS NULL OR action = @Action)
        ORDER BY id DESC
        LIMIT @Limit
        """;

    private const string DeleteBefore = "DELETE FROM audit_events WHERE occurred_at < @Cutoff";

    public async Task AppendAsync(AuditEntry entry, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        var row = new
        {
            OccurredAt = UnixTime.ToMs(entry.OccurredAt),
            entry.Actor,
            entry.Action,
            entry.Target,
            entry.Outcome,
            entry.Source,
            entry.Detail,
        };
        await connection.ExecuteAsync(new CommandDefinition(Insert, row, cancellationToken: cancellationToken));
    }

    public async Task<IReadOnlyList<AuditEntry>> ListAsync(long? beforeId, int limit, string? action, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        var parameters = new DynamicParameters();
        parameters.Add("BeforeId", beforeId, System.Data.DbType.Int64);
        parameters.Add("Action", action, System.Data.DbType.String);
        parameters.Add("Limit", limit, System.Data.DbType.Int32);
        var rows = await connection.QueryAsync<AuditRow>(new CommandDefinition(Select, parameters, cancellationToken: cancellationToken));
        return rows.Select(row => row.ToEntry()).ToList();
    }

    public async Task<int> DeleteBeforeAsync(DateTimeOffset cutoff, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        return await connection.ExecuteAsync(new CommandDefinition(DeleteBefore, new { Cutoff = UnixTime.ToMs(cutoff) }, cancellationToken: cancellationToken));
    }

    private sealed class AuditRow
    {
        public long Id { get; init; }
        public long OccurredAt { get; init; }
        public string Actor { get; init; } = "";
        public string Action { get; init; } = "";
        public string? Target { get; init; }
        public string Outcome { get; init; } = "";
        public string? Source { get; init; }
        public string? Detail { get; init; }

        public AuditEntry ToEntry() => new(Id, UnixTime.FromMs(OccurredAt), Actor, Action, Target, Outcome, Source, Detail);
    }
}
