using System.Data.Common;
using Dapper;
using PatrolScores.Gateway.Storage.Records;

namespace PatrolScores.Gateway.Storage.Sql;

/// <summary>
/// Local teams as rows of <c>local_scoreboards</c>, <c>local_teams</c>, <c>local_team_submissions</c> and <c>local_team_changes</c>.
/// Each change is one transaction that starts by touching the leader's <c>local_scoreboards</c> row (a write: PostgreSQL locks
/// the row, SQLite takes its write lock), so the count, name and score checks that follow cannot race another replica. Scores
/// move with <c>score = score + delta</c> and the submission and its per-team before/after are stored in the same transaction;
/// the idempotency key per leader and the one undo per submission are unique constraints.
/// </summary>
internal sealed class SqlLocalTeamStore(IDbConnectionFactory connections) : ILocalTeamStore
{
    private const string Touch = """
        INSERT INTO local_scoreboards (owner_user_id, updated_at) VALUES (@Owner, @Now)
        ON CONFLICT (owner_user_id) DO UPDATE SET updated_at = excluded.updated_at
        """;

    private const string TeamColumns = "id AS Id, name AS Name, colour AS Colour, score AS Score, position AS Position";

    private const string SelectTeams = $"SELECT {TeamColumns} FROM local_teams WHERE owner_user_id = @Owner ORDER BY position, id";

    private const string SelectTeam = $"SELECT {TeamColumns} FROM local_teams WHERE owner_user_id = @Owner AND id = @Id";

    private const string SelectUpdatedAt = "SELECT updated_at FROM local_scoreboards WHERE owner_user_id = @Owner";

    private const string CountTeams = "SELECT COUNT(*) FROM local_teams WHERE owner_user_id = @Owner";

    private const string CountNameUsers = "SELECT COUNT(*) FROM local_teams WHERE owner_user_id = @Owner AND name_key = @NameKey AND id <> @Id";

    private const string InsertTeam = """
        INSERT INTO local_teams (owner_user_id, id, name, name_key, colour, score, position, created_at)
        SELECT @Owner, @Id, @Name, @NameKey, @Colour, 0, COALESCE(MAX(position), 0) + 1, @Now FROM local_teams WHERE owner_user_id = @Owner
        """;

    private const string UpdateTeam = "UPDATE local_teams SET name = @Name, name_key = @NameKey, colour = @Colour WHERE owner_user_id = @Owner AND id = @Id";

    private const string DeleteTeam = "DELETE FROM local_teams WHERE owner_user_id = @Owner AND id = @Id";

    private const string AddToScore = """
        UPDATE local_teams SET score = score + @Delta
        WHERE owner_user_id = @Owner AND id = @Id AND score + @Delta BETWEEN -@MaxScore AND @MaxScore
        RETURNING score AS Score, name AS Name
        """;

    private const string InsertSubmission = """
        INSERT INTO local_team_submissions (id, owner_user_id, kind, idempotency_key, payload_hash, reason, undo_of, created_at)
        VALUES (@Id, @OwnerUserId, @Kind, @IdempotencyKey, @PayloadHash, @Reason, @UndoOf, @CreatedAt)
        ON CONFLICT DO NOTHING
        """;

    private const string InsertChange = """
        INSERT INTO local_team_changes (submission_id, position, team_id, team_name, delta, score_before, score_after)
        VALUES (@SubmissionId, @Position, @TeamId, @TeamName, @Delta, @ScoreBefore, @ScoreAfter)
        """;

    private const string SubmissionColumns = """
        id AS Id, owner_user_id AS OwnerUserId, kind AS Kind, idempotency_key AS IdempotencyKey, payload_hash AS PayloadHash,
        reason AS Reason, undo_of AS UndoOf, created_at AS CreatedAt
        """;

    private const string SelectByKey = $"SELECT {SubmissionColumns} FROM local_team_submissions WHERE owner_user_id = @Owner AND idempotency_key = @Key";

    private const string SelectById = $"SELECT {SubmissionColumns} FROM local_team_submissions WHERE owner_user_id = @Owner AND id = @Id";

    private const string SelectUndoOf = $"SELECT {SubmissionColumns} FROM local_team_submissions WHERE undo_of = @Id";

    // The newest submissions of a leader; the changes and undos below read the same ones (no list parameters: see SqlAwardStore).
    private const string Newest = "SELECT id FROM local_team_submissions WHERE owner_user_id = @Owner ORDER BY seq DESC LIMIT @Limit";

    private const string SelectNewest = $"SELECT {SubmissionColumns} FROM local_team_submissions WHERE owner_user_id = @Owner ORDER BY seq DESC LIMIT @Limit";

    private const string ChangeColumns = """
        SELECT submission_id AS SubmissionId, team_id AS TeamId, team_name AS TeamName, delta AS Delta, score_before AS ScoreBefore, score_after AS ScoreAfter
        FROM local_team_changes
        """;

    private const string SelectChangesOf = $"{ChangeColumns} WHERE submission_id = @Id ORDER BY position";

    private const string SelectChangesOfNewest = $"{ChangeColumns} WHERE submission_id IN ({Newest}) ORDER BY submission_id, position";

    private const string SelectUndosOfNewest = $"SELECT undo_of AS UndoOf, id AS Id FROM local_team_submissions WHERE undo_of IN ({Newest})";

    public async Task<LocalTeamsRecord> ReadAsync(long ownerUserId, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        var owner = new { Owner = ownerUserId };
        var teams = await connection.QueryAsync<TeamRow>(new CommandDefinition(SelectTeams, owner, cancellationToken: cancellationToken));
        var updatedAt = await connection.ExecuteScalarAsync<long?>(new CommandDefinition(SelectUpdatedAt, owner, cancellationToken: cancellationToken));
        return new LocalTeamsRecord([.. teams.Select(t => t.ToRecord())], UnixTime.FromMs(updatedAt));
    }

    public Task<LocalTeamWrite> AddTeamAsync(long ownerUserId, string teamId, string name, string colour, int maxTeams, DateTimeOffset now, CancellationToken cancellationToken) =>
        InTransactionAsync<LocalTeamWrite>(ownerUserId, now, cancellationToken, async (connection, transaction) =>
        {
            var team = new { Owner = ownerUserId, Id = teamId, Name = name, NameKey = NameKey(name), Colour = colour, Now = UnixTime.ToMs(now) };
            if (await connection.ExecuteScalarAsync<long>(new CommandDefinition(CountTeams, team, transaction, cancellationToken: cancellationToken)) >= maxTeams)
            {
                return new LocalTeamWrite.Full();
            }

            if (await connection.ExecuteScalarAsync<long>(new CommandDefinition(CountNameUsers, team, transaction, cancellationToken: cancellationToken)) > 0)
            {
                return new LocalTeamWrite.NameTaken();
            }

            await connection.ExecuteAsync(new CommandDefinition(InsertTeam, team, transaction, cancellationToken: cancellationToken));
            return new LocalTeamWrite.Written((await ReadTeamAsync(connection, transaction, ownerUserId, teamId, cancellationToken))!);
        });

    public Task<LocalTeamWrite> UpdateTeamAsync(long ownerUserId, string teamId, string? name, string? colour, DateTimeOffset now, CancellationToken cancellationToken) =>
        InTransactionAsync<LocalTeamWrite>(ownerUserId, now, cancellationToken, async (connection, transaction) =>
        {
            if (await ReadTeamAsync(connection, transaction, ownerUserId, teamId, cancellationToken) is not { } current)
            {
                return new LocalTeamWrite.NotFound();
            }

            var newName = name ?? current.Name;
            var team = new { Owner = ownerUserId, Id = teamId, Name = newName, NameKey = NameKey(newName), Colour = colour ?? current.Colour };
            if (await connection.ExecuteScalarAsync<long>(new CommandDefinition(CountNameUsers, team, transaction, cancellationToken: cancellationToken)) > 0)
            {
                return new LocalTeamWrite.NameTaken();
            }

            await connection.ExecuteAsync(new CommandDefinition(UpdateTeam, team, transaction, cancellationToken: cancellationToken));
            return new LocalTeamWrite.Written(current with { Name = team.Name, Colour = team.Colour });
        });

    public Task<LocalTeamWrite> DeleteTeamAsync(long ownerUserId, string teamId, DateTimeOffset now, CancellationToken cancellationToken) =>
        InTransactionAsync<LocalTeamWrite>(ownerUserId, now, cancellationToken, async (connection, transaction) =>
        {
            if (await ReadTeamAsync(connection, transaction, ownerUserId, teamId, cancellationToken) is not { } current)
            {
                return new LocalTeamWrite.NotFound();
            }

            await connection.ExecuteAsync(new CommandDefinition(DeleteTeam, new { Owner = ownerUserId, Id = teamId }, transaction, cancellationToken: cancellationToken));
            return new LocalTeamWrite.Written(current);
        });

    public Task<LocalSubmissionWrite> AwardAsync(LocalTeamSubmission award, int maxScore, CancellationToken cancellationToken) =>
        InTransactionAsync<LocalSubmissionWrite>(award.OwnerUserId, award.CreatedAt, cancellationToken, async (connection, transaction) =>
        {
            if (await connection.ExecuteAsync(new CommandDefinition(InsertSubmission, SubmissionRow.From(award), transaction, cancellationToken: cancellationToken)) == 0)
            {
                var existing = await connection.QuerySingleAsync<SubmissionRow>(new CommandDefinition(
                    SelectByKey, new { Owner = award.OwnerUserId, Key = award.IdempotencyKey }, transaction, cancellationToken: cancellationToken));
                return new LocalSubmissionWrite.KeyUsed(await WithChangesAsync(connection, transaction, existing, cancellationToken));
            }

            var applied = await ApplyAsync(connection, transaction, award, award.Changes, maxScore, cancellationToken);
            return applied.Refusal ?? new LocalSubmissionWrite.Applied(award with { Changes = applied.Changes });
        });

    public Task<LocalSubmissionWrite> UndoAsync(long ownerUserId, string undoId, string submissionId, int maxScore, DateTimeOffset now, CancellationToken cancellationToken) =>
        InTransactionAsync<LocalSubmissionWrite>(ownerUserId, now, cancellationToken, async (connection, transaction) =>
        {
            var original = await connection.QuerySingleOrDefaultAsync<SubmissionRow>(new CommandDefinition(
                SelectById, new { Owner = ownerUserId, Id = submissionId }, transaction, cancellationToken: cancellationToken));
            if (original is null)
            {
                return new LocalSubmissionWrite.NotFound();
            }

            if (LocalSubmissionKinds.Parse(original.Kind) == LocalSubmissionKind.Undo)
            {
                return new LocalSubmissionWrite.NothingToUndo();
            }

            var undo = new LocalTeamSubmission(undoId, ownerUserId, LocalSubmissionKind.Undo, null, null, null, submissionId, now, []);
            if (await connection.ExecuteAsync(new CommandDefinition(InsertSubmission, SubmissionRow.From(undo), transaction, cancellationToken: cancellationToken)) == 0)
            {
                var earlier = await connection.QuerySingleAsync<SubmissionRow>(new CommandDefinition(SelectUndoOf, new { Id = submissionId }, transaction, cancellationToken: cancellationToken));
                return new LocalSubmissionWrite.AlreadyUndone(await WithChangesAsync(connection, transaction, earlier, cancellationToken));
            }

            var reversed = (await WithChangesAsync(connection, transaction, original, cancellationToken)).Changes
                .Where(c => c.Delta != 0).Select(c => new LocalTeamChange(c.TeamId, c.TeamName, -c.Delta)).ToList();
            var applied = await ApplyAsync(connection, transaction, undo, reversed, maxScore, cancellationToken, skipUnknown: true);
            return applied.Refusal
                ?? (applied.Changes.Count == 0 ? new LocalSubmissionWrite.NothingToUndo() : new LocalSubmissionWrite.Applied(undo with { Changes = applied.Changes }));
        });

    public async Task<LocalTeamSubmission> ResetAsync(long ownerUserId, string resetId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var write = await InTransactionAsync<LocalSubmissionWrite>(ownerUserId, now, cancellationToken, async (connection, transaction) =>
        {
            var reset = new LocalTeamSubmission(resetId, ownerUserId, LocalSubmissionKind.Reset, null, null, null, null, now, []);
            await connection.ExecuteAsync(new CommandDefinition(InsertSubmission, SubmissionRow.From(reset), transaction, cancellationToken: cancellationToken));
            var teams = await connection.QueryAsync<TeamRow>(new CommandDefinition(SelectTeams, new { Owner = ownerUserId }, transaction, cancellationToken: cancellationToken));
            var toZero = teams.Where(t => t.Score != 0).Select(t => new LocalTeamChange(t.Id, t.Name, checked((int)-t.Score))).ToList();
            var applied = await ApplyAsync(connection, transaction, reset, toZero, int.MaxValue, cancellationToken);
            return new LocalSubmissionWrite.Applied(reset with { Changes = applied.Changes });
        });
        return ((LocalSubmissionWrite.Applied)write).Submission;
    }

    public async Task<LocalTeamSubmission?> GetSubmissionAsync(long ownerUserId, string submissionId, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<SubmissionRow>(new CommandDefinition(
            SelectById, new { Owner = ownerUserId, Id = submissionId }, cancellationToken: cancellationToken));
        return row is null ? null : await WithChangesAsync(connection, null, row, cancellationToken);
    }

    public async Task<IReadOnlyList<LocalHistoryEntry>> HistoryAsync(long ownerUserId, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        var newest = new { Owner = ownerUserId, Limit = limit };
        var rows = await connection.QueryAsync<SubmissionRow>(new CommandDefinition(SelectNewest, newest, cancellationToken: cancellationToken));
        var changes = (await connection.QueryAsync<ChangeRow>(new CommandDefinition(SelectChangesOfNewest, newest, cancellationToken: cancellationToken))).ToLookup(c => c.SubmissionId);
        var undos = (await connection.QueryAsync<UndoRow>(new CommandDefinition(SelectUndosOfNewest, newest, cancellationToken: cancellationToken))).ToDictionary(u => u.UndoOf, u => u.Id);
        return [.. rows.Select(row => new LocalHistoryEntry(
            row.ToSubmission([.. changes[row.Id].Select(c => c.ToChange())]),
            undos.TryGetValue(row.Id, out var undo) ? undo : null))];
    }

    // Touches the leader's row first (the per-leader lock), runs the work, and commits only a change: a refusal rolls back.
    private async Task<T> InTransactionAsync<T>(long ownerUserId, DateTimeOffset now, CancellationToken cancellationToken, Func<DbConnection, DbTransaction, Task<T>> work)
        where T : class
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(Touch, new { Owner = ownerUserId, Now = UnixTime.ToMs(now) }, transaction, cancellationToken: cancellationToken));
        var result = await work(connection, transaction);
        if (result is LocalTeamWrite.Written or LocalSubmissionWrite.Applied)
        {
            await transaction.CommitAsync(cancellationToken);
        }
        else
        {
            await transaction.RollbackAsync(cancellationToken);
        }

        return result;
    }

    // Adds each delta to its team's score and records the change with the score before and after. A score that would leave
    // -maxScore..maxScore, or an unknown team unless skipped (an undo leaves out teams deleted since), refuses the whole: the
    // caller rolls back.
    private static async Task<(IReadOnlyList<LocalTeamChange> Changes, LocalSubmissionWrite? Refusal)> ApplyAsync(
        DbConnection connection, DbTransaction transaction, LocalTeamSubmission submission, IReadOnlyList<LocalTeamChange> changes, int maxScore,
        CancellationToken cancellationToken, bool skipUnknown = false)
    {
        var applied = new List<LocalTeamChange>(changes.Count);
        foreach (var change in changes)
        {
            var after = await connection.QuerySingleOrDefaultAsync<ScoreRow>(new CommandDefinition(
                AddToScore, new { Owner = submission.OwnerUserId, Id = change.TeamId, Delta = (long)change.Delta, MaxScore = (long)maxScore }, transaction, cancellationToken: cancellationToken));
            if (after is null)
            {
                if (await ReadTeamAsync(connection, transaction, submission.OwnerUserId, change.TeamId, cancellationToken) is not null)
                {
                    return ([], new LocalSubmissionWrite.ScoreOutOfRange(change.TeamId));
                }

                if (skipUnknown)
                {
                    continue;
                }

                return ([], new LocalSubmissionWrite.UnknownTeam(change.TeamId));
            }

            var stored = new LocalTeamChange(change.TeamId, after.Name, change.Delta, checked((int)(after.Score - change.Delta)), checked((int)after.Score));
            await connection.ExecuteAsync(new CommandDefinition(InsertChange, new
            {
                SubmissionId = submission.Id,
                Position = (long)applied.Count,
                stored.TeamId,
                stored.TeamName,
                Delta = (long)stored.Delta,
                ScoreBefore = (long)stored.ScoreBefore,
                ScoreAfter = (long)stored.ScoreAfter,
            }, transaction, cancellationToken: cancellationToken));
            applied.Add(stored);
        }

        return (applied, null);
    }

    private static async Task<LocalTeamRecord?> ReadTeamAsync(DbConnection connection, DbTransaction transaction, long ownerUserId, string teamId, CancellationToken cancellationToken) =>
        (await connection.QuerySingleOrDefaultAsync<TeamRow>(new CommandDefinition(SelectTeam, new { Owner = ownerUserId, Id = teamId }, transaction, cancellationToken: cancellationToken)))?.ToRecord();

    private static async Task<LocalTeamSubmission> WithChangesAsync(DbConnection connection, DbTransaction? transaction, SubmissionRow row, CancellationToken cancellationToken)
    {
        var changes = await connection.QueryAsync<ChangeRow>(new CommandDefinition(SelectChangesOf, new { row.Id }, transaction, cancellationToken: cancellationToken));
        return row.ToSubmission([.. changes.Select(c => c.ToChange())]);
    }

    // Names are unique per scoreboard ignoring case.
    private static string NameKey(string name) => name.ToLowerInvariant();

    private sealed record TeamRow(string Id, string Name, string Colour, long Score, long Position)
    {
        public LocalTeamRecord ToRecord() => new(Id, Name, Colour, checked((int)Score), checked((int)Position));
    }

    private sealed record ScoreRow(long Score, string Name);

    private sealed record UndoRow(string UndoOf, string Id);

    private sealed record SubmissionRow(string Id, long OwnerUserId, string Kind, string? IdempotencyKey, string? PayloadHash, string? Reason, string? UndoOf, long CreatedAt)
    {
        public static SubmissionRow From(LocalTeamSubmission s) =>
            new(s.Id, s.OwnerUserId, s.Kind.ToWire(), s.IdempotencyKey, s.PayloadHash, s.Reason, s.UndoOf, UnixTime.ToMs(s.CreatedAt));

        public LocalTeamSubmission ToSubmission(IReadOnlyList<LocalTeamChange> changes) =>
            new(Id, OwnerUserId, LocalSubmissionKinds.Parse(Kind), IdempotencyKey, PayloadHash, Reason, UndoOf, UnixTime.FromMs(CreatedAt), changes);
    }

    private sealed record ChangeRow(string SubmissionId, string TeamId, string TeamName, long Delta, long ScoreBefore, long ScoreAfter)
    {
        public LocalTeamChange ToChange() => new(TeamId, TeamName, checked((int)Delta), checked((int)ScoreBefore), checked((int)ScoreAfter));
    }
}
