namespace PatrolScores.Gateway.Storage.Records;

/// <summary>
/// One stored change of a local scoreboard's scores (<c>local_team_submissions</c> and <c>local_team_changes</c>): an award
/// under the leader's idempotency key, the undo of one submission, or a reset to zero.
/// </summary>
/// <param name="Id">32 lower-case hex characters.</param>
/// <param name="OwnerUserId">The leader's OSM user id: the scoreboard's owner.</param>
/// <param name="IdempotencyKey">An award's key (unique per leader); null for an undo or a reset.</param>
/// <param name="PayloadHash">An award's canonical payload hash: a replayed key with another payload is refused.</param>
/// <param name="UndoOf">An undo's submission.</param>
/// <param name="Changes">Per team, in the order applied; an award's before and after are filled in by the store.</param>
public sealed record LocalTeamSubmission(
    string Id,
    long OwnerUserId,
    LocalSubmissionKind Kind,
    string? IdempotencyKey,
    string? PayloadHash,
    string? Reason,
    string? UndoOf,
    DateTimeOffset CreatedAt,
    IReadOnlyList<LocalTeamChange> Changes);

/// <summary>One team's change in a <see cref="LocalTeamSubmission"/>: the delta and the score before and after it.</summary>
/// <param name="TeamName">The team's name when the change was made.</param>
public sealed record LocalTeamChange(string TeamId, string TeamName, int Delta, int ScoreBefore = 0, int ScoreAfter = 0);

/// <summary>What a <see cref="LocalTeamSubmission"/> did.</summary>
public enum LocalSubmissionKind
{
    /// <summary>Points awarded by the leader (<c>award</c>).</summary>
    Award,

    /// <summary>Another submission's deltas reversed (<c>undo</c>).</summary>
    Undo,

    /// <summary>Every score set to 0 (<c>reset</c>).</summary>
    Reset,
}

/// <summary>The wire and column names of <see cref="LocalSubmissionKind"/>.</summary>
public static class LocalSubmissionKinds
{
    public static string ToWire(this LocalSubmissionKind kind) => kind switch
    {
        LocalSubmissionKind.Award => "award",
        LocalSubmissionKind.Undo => "undo",
        LocalSubmissionKind.Reset => "reset",
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    /// <summary>The kind of a stored name; a name the migrations' CHECK does not allow throws.</summary>
    public static LocalSubmissionKind Parse(string name) => name switch
    {
        "award" => LocalSubmissionKind.Award,
        "undo" => LocalSubmissionKind.Undo,
        "reset" => LocalSubmissionKind.Reset,
        _ => throw new FormatException($"Unknown local submission kind '{name}'."),
    };
}

/// <summary>A history entry: a submission and the id of its undo, if one was made.</summary>
public sealed record LocalHistoryEntry(LocalTeamSubmission Submission, string? UndoneBy);
