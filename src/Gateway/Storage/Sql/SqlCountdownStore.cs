using Dapper;
using PatrolScores.Gateway.Storage.Records;

namespace PatrolScores.Gateway.Storage.Sql;

/// <summary>Countdowns as rows of <c>countdowns</c>, one per scope (a section, or one board).</summary>
internal sealed class SqlCountdownStore(IDbConnectionFactory connections) : ICountdownStore
{
    private const string Upsert = """
        INSERT INTO countdowns (scope, section_id, device_id, duration_ms, remaining_ms, running_since, updated_at)
        VALUES (@Scope, @SectionId, @DeviceId, @DurationMs, @RemainingMs, @RunningSince, @UpdatedAt)
        ON CONFLICT (scope) DO UPDATE SET section_id = excluded.section_id, device_id = excluded.device_id, duration_ms = excluded.duration_ms,
            remaining_ms = excluded.remaining_ms, running_since = excluded.running_since, updated_at = excluded.updated_at
        """;

    private const string SelectBySection = """
        SELECT section_id AS SectionId, device_id AS DeviceId, duration_ms AS DurationMs, remaining_ms AS RemainingMs,
               running_since AS RunningSince, updated_at AS UpdatedAt
        FROM countdowns WHERE section_id = @SectionId ORDER BY CASE WHEN device_id IS NULL THEN 0 ELSE 1 END, device_id
        """;

    private const string DeleteScope = "DELETE FROM countdowns WHERE scope = @Scope";

    private const string DeleteSection = "DELETE FROM countdowns WHERE section_id = @SectionId";

    public async Task SetAsync(CountdownRecord countdown, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(Upsert, new
        {
            countdown.Scope,
            countdown.SectionId,
            countdown.DeviceId,
            DurationMs = (long)countdown.Duration.TotalMilliseconds,
            RemainingMs = (long)countdown.Remaining.TotalMilliseconds,
            RunningSince = UnixTime.ToMs(countdown.RunningSince),
            UpdatedAt = UnixTime.ToMs(countdown.UpdatedAt),
        }, cancellationToken: cancellationToken));
    }

    public async Task<IReadOnlyList<CountdownRecord>> ListBySectionAsync(long sectionId, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<Row>(new CommandDefinition(SelectBySection, new { SectionId = sectionId }, cancellationToken: cancellationToken));
        return [.. rows.Select(row => row.ToRecord())];
    }

    public async Task DeleteAsync(long sectionId, string? deviceId, bool allOfSection, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        var scope = deviceId is null ? $"section:{sectionId}" : $"device:{deviceId}";
        await connection.ExecuteAsync(allOfSection
            ? new CommandDefinition(DeleteSection, new { SectionId = sectionId }, cancellationToken: cancellationToken)
            : new CommandDefinition(DeleteScope, new { Scope = scope }, cancellationToken: cancellationToken));
    }

    private sealed record Row(long SectionId, string? DeviceId, long DurationMs, long RemainingMs, long? RunningSince, long UpdatedAt)
    {
        public CountdownRecord ToRecord() => new(
            SectionId, DeviceId, TimeSpan.FromMilliseconds(DurationMs), TimeSpan.FromMilliseconds(RemainingMs), UnixTime.FromMs(RunningSince), UnixTime.FromMs(UpdatedAt));
    }
}
