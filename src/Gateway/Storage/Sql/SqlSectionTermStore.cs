using System.Globalization;
using Dapper;
using PatrolScores.Gateway.Storage.Records;

namespace PatrolScores.Gateway.Storage.Sql;

internal sealed class SqlSectionTermStore(IDbConnectionFactory connections) : ISectionTermStore
{
    private const string DateFormat = "yyyy-MM-dd";

    private const string Upsert = """
        INSERT INTO section_terms (section_id, user_id, term_id, term_checked_at, term_end_date)
        VALUES (@SectionId, @UserId, @TermId, @TermCheckedAt, @TermEndDate)
        ON CONFLICT (section_id) DO UPDATE SET
            user_id = excluded.user_id,
            term_id = excluded.term_id,
            term_checked_at = excluded.term_checked_at,
            term_end_date = excluded.term_end_date
        """;

    private const string SelectById = """
        SELECT section_id AS SectionId, user_id AS UserId, term_id AS TermId,
               term_checked_at AS TermCheckedAt, term_end_date AS TermEndDate
        FROM section_terms WHERE section_id = @SectionId
        """;

    private const string Delete = "DELETE FROM section_terms WHERE section_id = @SectionId";

    public async Task<SectionTermRecord?> GetAsync(long sectionId, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<SectionTermRow>(new CommandDefinition(SelectById, new { SectionId = sectionId }, cancellationToken: cancellationToken));
        return row is null
            ? null
            : new SectionTermRecord(
                row.SectionId,
                row.UserId,
                row.TermId,
                UnixTime.FromMs(row.TermCheckedAt),
                row.TermEndDate is { } end ? DateOnly.ParseExact(end, DateFormat, CultureInfo.InvariantCulture) : null);
    }

    public async Task UpsertAsync(SectionTermRecord record, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        var row = new
        {
            record.SectionId,
            record.UserId,
            record.TermId,
            TermCheckedAt = UnixTime.ToMs(record.TermCheckedAt),
            TermEndDate = record.TermEndDate?.ToString(DateFormat, CultureInfo.InvariantCulture),
        };
        await connection.ExecuteAsync(new CommandDefinition(Upsert, row, cancellationToken: cancellationToken));
    }

    public async Task<bool> RemoveAsync(long sectionId, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        return await connection.ExecuteAsync(new CommandDefinition(Delete, new { SectionId = sectionId }, cancellationToken: cancellationToken)) == 1;
    }

    private sealed class SectionTermRow
    {
        public long SectionId { get; init; }
        public long UserId { get; init; }
        public long? TermId { get; init; }
        public long TermCheckedAt { get; init; }
        public string? TermEndDate { get; init; }
    }
}
