namespace PatrolScores.Gateway.Storage.Records;

/// <summary>
/// Local teams' records (<c>local_scoreboards</c>, <c>local_teams</c>, <c>local_team_submissions</c>, <c>local_team_changes</c>),
/// in SQLite or PostgreSQL. Every change of one leader's scoreboard runs in one transaction that first touches the leader's
/// <c>local_scoreboards</c> row, so one leader's changes are applied one at a time on every replica.
/// </summary>
public interface ILocalTeamStore
{
    /// <summary>The leader's teams in position order and the time of the last change (an empty list and null when none).</summary>
    Task<LocalTeamsRecord> ReadAsync(long ownerUserId, CancellationToken cancellationToken);

    /// <summary>Adds a team with score 0 after the others, unless the name is taken or the scoreboard holds <paramref name="maxTeams"/>.</summary>
    Task<LocalTeamWrite> AddTeamAsync(long ownerUserId, string teamId, string name, string colour, int maxTeams, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Renames and/or recolours a team (a null leaves that field as it is).</summary>
    Task<LocalTeamWrite> UpdateTeamAsync(long ownerUserId, string teamId, string? name, string? colour, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Deletes a team; its past changes stay in the history under the name they had.</summary>
    Task<LocalTeamWrite> DeleteTeamAsync(long ownerUserId, string teamId, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>
    /// Stores an award and applies its deltas in one transaction; if the leader already used its idempotency key, applies
    /// nothing and returns the stored submission (<see cref="LocalSubmissionWrite.KeyUsed"/>); an unknown team, or a score that
    /// would leave −<paramref name="maxScore"/>..<paramref name="maxScore"/>, applies nothing.
    /// </summary>
    Task<LocalSubmissionWrite> AwardAsync(LocalTeamSubmission award, int maxScore, CancellationToken cancellationToken);

    /// <summary>
    /// Applies the reversed deltas of <paramref name="submissionId"/> (teams deleted since are left out) as submission
    /// <paramref name="undoId"/>, once; a score that would leave −<paramref name="maxScore"/>..<paramref name="maxScore"/> applies nothing.
    /// </summary>
    Task<LocalSubmissionWrite> UndoAsync(long ownerUserId, string undoId, string submissionId, int maxScore, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Sets every score to 0, recorded as submission <paramref name="resetId"/> with each team's score before.</summary>
    Task<LocalTeamSubmission> ResetAsync(long ownerUserId, string resetId, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>One of the leader's submissions; null when unknown or another leader's.</summary>
    Task<LocalTeamSubmission?> GetSubmissionAsync(long ownerUserId, string submissionId, CancellationToken cancellationToken);

    /// <summary>The leader's submissions, newest first, each with its undo's id.</summary>
    Task<IReadOnlyList<LocalHistoryEntry>> HistoryAsync(long ownerUserId, int limit, CancellationToken cancellationToken);
}

/// <summary>What a team's write found: closed.</summary>
public abstract record LocalTeamWrite
{
    private LocalTeamWrite()
    {
    }

    /// <summary>Stored: the team as it now stands (for a delete, as it was).</summary>
    public sealed record Written(LocalTeamRecord Team) : LocalTeamWrite;

    /// <summary>No such team on the leader's scoreboard.</summary>
    public sealed record NotFound : LocalTeamWrite;

    /// <summary>Another team of the scoreboard has the name (ignoring case).</summary>
    public sealed record NameTaken : LocalTeamWrite;

    /// <summary>The scoreboard already holds the most teams allowed.</summary>
    public sealed record Full : LocalTeamWrite;
}

/// <summary>What an award or undo found: closed.</summary>
public abstract record LocalSubmissionWrite
{
    private LocalSubmissionWrite()
    {
    }

    /// <summary>Stored and applied.</summary>
    public sealed record Applied(LocalTeamSubmission Submission) : LocalSubmissionWrite;

    /// <summary>The leader used the idempotency key before: that submission, nothing applied.</summary>
    public sealed record KeyUsed(LocalTeamSubmission Existing) : LocalSubmissionWrite;

    /// <summary>A team of the award is not on the leader's scoreboard: nothing applied.</summary>
    public sealed record UnknownTeam(string TeamId) : LocalSubmissionWrite;

    /// <summary>The team's score would leave the allowed range: nothing applied.</summary>
    public sealed record ScoreOutOfRange(string TeamId) : LocalSubmissionWrite;

    /// <summary>No such submission of the leader's.</summary>
    public sealed record NotFound : LocalSubmissionWrite;

    /// <summary>The submission was undone before: that undo, nothing applied.</summary>
    public sealed record AlreadyUndone(LocalTeamSubmission Undo) : LocalSubmissionWrite;

    /// <summary>The submission is itself an undo, or none of its teams is left (or it changed nothing).</summary>
    public sealed record NothingToUndo : LocalSubmissionWrite;
}
