using PatrolScores.Gateway.Awards;

namespace PatrolScores.Gateway.LocalTeams;

/// <summary>Why the local teams refused a change; each has one HTTP status and one stable code (<see cref="LocalTeamProblems"/>).</summary>
public enum LocalTeamProblem
{
    InvalidTeamName,
    InvalidColour,
    TeamNameTaken,
    TooManyTeams,
    TeamNotFound,
    UnknownTeam,
    InvalidChanges,
    InvalidReason,
    InvalidIdempotencyKey,
    IdempotencyKeyReused,
    SubmissionNotFound,
    AlreadyUndone,
    NothingToUndo,
    ScoreOutOfRange,
}

/// <summary>The status and code of each <see cref="LocalTeamProblem"/>.</summary>
internal static class LocalTeamProblems
{
    public static int Status(this LocalTeamProblem problem) => problem switch
    {
        LocalTeamProblem.TeamNotFound or LocalTeamProblem.SubmissionNotFound => StatusCodes.Status404NotFound,
        LocalTeamProblem.TeamNameTaken or LocalTeamProblem.TooManyTeams or LocalTeamProblem.IdempotencyKeyReused
            or LocalTeamProblem.AlreadyUndone or LocalTeamProblem.NothingToUndo or LocalTeamProblem.ScoreOutOfRange => StatusCodes.Status409Conflict,
        _ => StatusCodes.Status400BadRequest,
    };

    public static string Code(this LocalTeamProblem problem) => problem switch
    {
        LocalTeamProblem.InvalidTeamName => LocalTeamErrorCodes.InvalidTeamName,
        LocalTeamProblem.InvalidColour => LocalTeamErrorCodes.InvalidColour,
        LocalTeamProblem.TeamNameTaken => LocalTeamErrorCodes.TeamNameTaken,
        LocalTeamProblem.TooManyTeams => LocalTeamErrorCodes.TooManyTeams,
        LocalTeamProblem.TeamNotFound => LocalTeamErrorCodes.TeamNotFound,
        LocalTeamProblem.UnknownTeam => LocalTeamErrorCodes.UnknownTeam,
        LocalTeamProblem.InvalidChanges => LocalTeamErrorCodes.InvalidChanges,
        LocalTeamProblem.InvalidReason => AwardErrorCodes.InvalidReason,
        LocalTeamProblem.InvalidIdempotencyKey => AwardErrorCodes.InvalidIdempotencyKey,
        LocalTeamProblem.IdempotencyKeyReused => AwardErrorCodes.IdempotencyKeyReused,
        LocalTeamProblem.SubmissionNotFound => LocalTeamErrorCodes.SubmissionNotFound,
        LocalTeamProblem.AlreadyUndone => LocalTeamErrorCodes.AlreadyUndone,
        LocalTeamProblem.NothingToUndo => LocalTeamErrorCodes.NothingToUndo,
        LocalTeamProblem.ScoreOutOfRange => LocalTeamErrorCodes.ScoreOutOfRange,
        _ => throw new ArgumentOutOfRangeException(nameof(problem)),
    };
}
