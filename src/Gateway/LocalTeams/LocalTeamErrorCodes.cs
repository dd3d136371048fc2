using PatrolScores.Gateway.Awards;

namespace PatrolScores.Gateway.LocalTeams;

/// <summary>
/// The stable <c>error</c> codes of the local teams API (<c>docs/leader-api.md</c>, "Local teams"); the idempotency key,
/// the reason, 401 and 415 are score entry's codes (<see cref="AwardErrorCodes"/>).
/// </summary>
public static class LocalTeamErrorCodes
{
    /// <summary>400: the body is not the JSON object the endpoint takes (a team's <c>{"name","colour"}</c>, an award's <c>{"reason","changes"}</c>).</summary>
    public const string InvalidBody = "invalid_local_teams_body";

    /// <summary>400: a team's name, trimmed, is empty, over 50 characters or holds control characters.</summary>
    public const string InvalidTeamName = "invalid_team_name";

    /// <summary>400: the colour is not one of <c>red green blue yellow cyan magenta orange white</c> or <c>""</c>.</summary>
    public const string InvalidColour = "invalid_colour";

    /// <summary>409: another team of the leader's scoreboard has that name (ignoring case).</summary>
    public const string TeamNameTaken = "team_name_taken";

    /// <summary>409: the scoreboard already holds 20 teams.</summary>
    public const string TooManyTeams = "too_many_teams";

    /// <summary>404: no team of that id on the leader's scoreboard.</summary>
    public const string TeamNotFound = "team_not_found";

    /// <summary>400: an award names a team that is not on the leader's scoreboard.</summary>
    public const string UnknownTeam = "unknown_team";

    /// <summary>400: an award's changes are empty, over 20, name a team twice, or a delta is 0 or outside −1,000..1,000.</summary>
    public const string InvalidChanges = "invalid_changes";

    /// <summary>404: no such local award, undo or reset of the leader's.</summary>
    public const string SubmissionNotFound = "local_submission_not_found";

    /// <summary>409: the submission was undone already (once per submission).</summary>
    public const string AlreadyUndone = "already_undone";

    /// <summary>409: the submission is itself an undo, or none of its teams is left, or it changed nothing.</summary>
    public const string NothingToUndo = "local_nothing_to_undo";

    /// <summary>409: the award or undo would take a team's score beyond −1,000,000..1,000,000; nothing was applied.</summary>
    public const string ScoreOutOfRange = "score_out_of_range";
}
