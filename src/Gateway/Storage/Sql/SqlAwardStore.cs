using Dapper;
using PatrolScores.Gateway.Storage.Records;

namespace PatrolScores.Gateway.Storage.Sql;

/// <summary>
/// Score entry's submissions and per-patrol awards as rows of <c>award_submissions</c> and <c>patrol_awards</c>. A
/// submission and its awards are inserted in one transaction; the idempotency key (per leader) and the one undo per
/// submission are unique constraints, so two replicas storing the same key at once keep one.
/// </summary>
internal sealed class SqlAwardStore(IDbConnectionFactory connections) : IAwardStore
{
    private const string SubmissionColumns = """
        id AS Id, leader_user_id AS LeaderUserId, leader_name AS LeaderName, idempotency_key AS IdempotencyKey,
        payload_hash AS PayloadHash, section_id AS SectionId, reason AS Reason, undo_of AS UndoOf, created_at AS CreatedAt
        """;

    private const string InsertSubmission = """
        INSERT INTO award_submissions (id, leader_user_id, leader_name, idempotency_key, payload_hash, section_id, reason, undo_of, created_at)
        VALUES (@Id, @LeaderUserId, @LeaderName, @IdempotencyKey, @PayloadHash, @SectionId, @Reason, @UndoOf, @CreatedAt)
        ON CONFLICT DO NOTHING
        """;

    private const string InsertAward = """
        INSERT INTO patrol_awards (submission_id, position, patrol_id, patrol_name, delta, state, points_before, points_after, not_before, finished_at, failure)
        VALUES (@SubmissionId, @Position, @PatrolId, @PatrolName, @Delta, @State, @PointsBefore, @PointsAfter, @NotBefore, @FinishedAt, @Failure)
        """;

    private const string SelectExisting = $"""
        SELECT {SubmissionColumns} FROM award_submissions
        WHERE (leader_user_id = @LeaderUserId AND idempotency_key = @IdempotencyKey) OR (@UndoOf IS NOT NULL AND undo_of = @UndoOf)
        ORDER BY seq LIMIT 1
        """;

    private const string SelectById = $"SELECT {SubmissionColumns} FROM award_submissions WHERE id = @Id";

    private const string SelectUndo = $"SELECT {SubmissionColumns} FROM award_submissions WHERE undo_of = @Id";

    private const string SelectBySection = $"SELECT {SubmissionColumns} FROM award_submissions WHERE section_id = @SectionId ORDER BY seq DESC LIMIT @Limit";

    private const string AwardColumns = """
        SELECT submission_id AS SubmissionId, position AS Position, patrol_id AS PatrolId, patrol_name AS PatrolName, delta AS Delta, state AS State,
               points_before AS PointsBefore, points_after AS PointsAfter, not_before AS NotBefore, finished_at AS FinishedAt, failure AS Failure
        FROM patrol_awards
        """;

    // No list parameters: Dapper expands them for SQLite but hands Npgsql an array, so one SQL could not serve both.
    private const string SelectAwardsOf = $"{AwardColumns} WHERE submission_id = @Id ORDER BY position";

    private const string SelectAwardsBySection = $"""
        {AwardColumns} WHERE submission_id IN (SELECT id FROM award_submissions WHERE section_id = @SectionId ORDER BY seq DESC LIMIT @Limit)
        ORDER BY submission_id, position
        """;

    private const string SelectSectionsDue = """
        SELECT DISTINCT s.section_id FROM patrol_awards a JOIN award_submissions s ON s.id = a.submission_id
        WHERE a.state IN ('pending', 'writing') AND (a.not_before IS NULL OR a.not_before <= @NowMs)
        ORDER BY s.section_id
        """;

    private const string SelectNextOpen = $"""
        SELECT {SubmissionColumns} FROM award_submissions s
        WHERE s.section_id = @SectionId AND EXISTS (SELECT 1 FROM patrol_awards a WHERE a.submission_id = s.id AND a.state IN ('pending', 'writing'))
        ORDER BY s.seq LIMIT 1
        """;

    private const string UpdateAward = """
        UPDATE patrol_awards SET state = @State, points_before = @PointsBefore, points_after = @PointsAfter, not_before = @NotBefore,
               finished_at = @FinishedAt, failure = @Failure
        WHERE submission_id = @SubmissionId AND patrol_id = @PatrolId
        """;

    private const string Defer = """
        UPDATE patrol_awards SET not_before = @NotBeforeMs
        WHERE state IN ('pending', 'writing') AND submission_id IN (SELECT id FROM award_submissions WHERE section_id = @SectionId)
        """;

    private const string ClearDeferrals = "UPDATE patrol_awards SET not_before = NULL WHERE state IN ('pending', 'writing') AND not_before IS NOT NULL";

    public async Task<StoredSubmission> AddAsync(AwardSubmission submission, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var inserted = await connection.ExecuteAsync(new CommandDefinition(InsertSubmission, SubmissionRow.From(submission), transaction, cancellationToken: cancellationToken));
        if (inserted == 0)
        {
            var existing = await connection.QueryFirstAsync<SubmissionRow>(new CommandDefinition(SelectExisting, SubmissionRow.From(submission), transaction, cancellationToken: cancellationToken));
            var awards = await connection.QueryAsync<AwardRow>(new CommandDefinition(SelectAwardsOf, new { existing.Id }, transaction, cancellationToken: cancellationToken));
            await transaction.CommitAsync(cancellationToken);
            return new StoredSubmission(existing.ToSubmission([.. awards.Select(a => a.ToAward())]), Created: false);
        }

        var position = 0;
        foreach (var award in submission.Awards)
        {
            await connection.ExecuteAsync(new CommandDefinition(InsertAward, AwardRow.From(submission.Id, position++, award), transaction, cancellationToken: cancellationToken));
        }

        await transaction.CommitAsync(cancellationToken);
        return new StoredSubmission(submission, Created: true);
    }

    public Task<AwardSubmission?> GetAsync(string id, CancellationToken cancellationToken) => SingleAsync(SelectById, new { Id = id }, cancellationToken);

    public Task<AwardSubmission?> GetUndoAsync(string id, CancellationToken cancellationToken) => SingleAsync(SelectUndo, new { Id = id }, cancellationToken);

    public async Task<IReadOnlyList<AwardSubmission>> ListBySectionAsync(long sectionId, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        var parameters = new { SectionId = sectionId, Limit = limit };
        var rows = await connection.QueryAsync<SubmissionRow>(new CommandDefinition(SelectBySection, parameters, cancellationToken: cancellationToken));
        var awards = (await connection.QueryAsync<AwardRow>(new CommandDefinition(SelectAwardsBySection, parameters, cancellationToken: cancellationToken))).ToLookup(a => a.SubmissionId);
        return [.. rows.Select(row => row.ToSubmission([.. awards[row.Id].Select(a => a.ToAward())]))];
    }

    public async Task<IReadOnlyList<long>> SectionsDueAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        return [.. await connection.QueryAsync<long>(new CommandDefinition(SelectSectionsDue, new { NowMs = UnixTime.ToMs(now) }, cancellationToken: cancellationToken))];
    }

    public Task<AwardSubmission?> NextOpenAsync(long sectionId, CancellationToken cancellationToken) =>
        SingleAsync(SelectNextOpen, new { SectionId = sectionId }, cancellationToken);

    public async Task UpdateAsync(string submissionId, PatrolAward award, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(UpdateAward, AwardRow.From(submissionId, 0, award), cancellationToken: cancellationToken));
    }

    public async Task DeferAsync(long sectionId, DateTimeOffset notBefore, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(Defer, new { SectionId = sectionId, NotBeforeMs = UnixTime.ToMs(notBefore) }, cancellationToken: cancellationToken));
    }

    public async Task ClearDeferralsAsync(CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(ClearDeferrals, cancellationToken: cancellationToken));
    }

    private async Task<AwardSubmission?> SingleAsync(string sql, object parameters, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<SubmissionRow>(new CommandDefinition(sql, parameters, cancellationToken: cancellationToken));
        if (row is null)
        {
            return null;
        }

        var awards = await connection.QueryAsync<AwardRow>(new CommandDefinition(SelectAwardsOf, new { row.Id }, cancellationToken: cancellationToken));
        return row.ToSubmission([.. awards.Select(a => a.ToAward())]);
    }

    private sealed record SubmissionRow(string Id, long LeaderUserId, string LeaderName, string IdempotencyKey, string PayloadHash, long SectionId, string? Reason, string? UndoOf, long CreatedAt)
    {
        public static SubmissionRow From(AwardSubmission s) =>
            new(s.Id, s.LeaderUserId, s.LeaderName, s.IdempotencyKey, s.PayloadHash, s.SectionId, s.Reason, s.UndoOf, UnixTime.ToMs(s.CreatedAt));

        public AwardSubmission ToSubmission(IReadOnlyList<PatrolAward> awards) =>
            new(Id, LeaderUserId, LeaderName, IdempotencyKey, PayloadHash, SectionId, Reason, UndoOf, UnixTime.FromMs(CreatedAt), awards);
    }

    private sealed record AwardRow(
        string SubmissionId, long Position, long PatrolId, string PatrolName, long Delta, string State,
        long? PointsBefore, long? PointsAfter, long? NotBefore, long? FinishedAt, string? Failure)
    {
        public static AwardRow From(string submissionId, int position, PatrolAward a) => new(
            submissionId, position, a.PatrolId, a.PatrolName, a.Delta, a.State.ToWire(), a.PointsBefore, a.PointsAfter,
            UnixTime.ToMs(a.NotBefore), UnixTime.ToMs(a.FinishedAt), a.Failure?.ToWire());

        public PatrolAward ToAward() => new(
            PatrolId, PatrolName, checked((int)Delta), AwardNames.ParseState(State), PointsBefore, PointsAfter,
            UnixTime.FromMs(NotBefore), UnixTime.FromMs(FinishedAt), Failure is null ? null : AwardNames.ParseFailure(Failure));
    }
}
