using PatrolScores.Gateway.Errors;
using PatrolScores.Gateway.Storage.Records;

namespace PatrolScores.Gateway.LocalTeams;

/// <summary>The signed-in leader's local scoreboard (<c>GET /api/v1/local-teams</c>).</summary>
/// <param name="OwnerUserId">The leader's OSM user id.</param>
/// <param name="UpdatedAt">The last stored change (UTC, RFC 3339); <c>1970-01-01T00:00:00Z</c> when there has been none.</param>
/// <param name="MaxTeams">How many teams a scoreboard may hold (20).</param>
/// <param name="Teams">In the order shown.</param>
public sealed record LocalTeamsView(long OwnerUserId, string UpdatedAt, int MaxTeams, IReadOnlyList<LocalTeamView> Teams)
{
    internal static LocalTeamsView Of(LocalScoreboard board) =>
        new(board.OwnerUserId, WireTime.Format(board.UpdatedAt), LocalTeamRules.MaxTeams, [.. board.Teams.Select((t, i) => LocalTeamView.Of(t, i + 1))]);
}

/// <summary>One local team.</summary>
/// <param name="Id">Made by the gateway, stable: 10 lower-case hex characters.</param>
/// <param name="Name">1 to 50 characters, unique on the scoreboard ignoring case.</param>
/// <param name="Colour"><c>red</c>, <c>green</c>, <c>blue</c>, <c>yellow</c>, <c>cyan</c>, <c>magenta</c>, <c>orange</c>, <c>white</c>, or <c>""</c> for none.</param>
/// <param name="Score">Points (whole number).</param>
/// <param name="Position">1 for the first team shown, then 2, 3... (in a create or edit answer too).</param>
public sealed record LocalTeamView(string Id, string Name, string Colour, int Score, int Position)
{
    internal static LocalTeamView Of(LocalTeam team, int position = 0) => new(team.Id, team.Name, team.Colour, team.Score, position);
}

/// <summary>An award, undo or reset of a local scoreboard.</summary>
/// <param name="Id">32 lower-case hex characters.</param>
/// <param name="Kind"><c>award</c>, <c>undo</c> or <c>reset</c>.</param>
/// <param name="Reason">An award's reason, if given.</param>
/// <param name="UndoOf">An undo's submission.</param>
/// <param name="UndoneBy">The undo of this submission, once made (in the history).</param>
/// <param name="CreatedAt">UTC, RFC 3339, whole seconds.</param>
/// <param name="Changes">Per team: the delta and the score before and after (a reset: every team that was not at 0).</param>
public sealed record LocalSubmissionView(string Id, string Kind, string? Reason, string? UndoOf, string? UndoneBy, string CreatedAt, IReadOnlyList<LocalChangeView> Changes)
{
    internal static LocalSubmissionView Of(LocalTeamSubmission submission, string? undoneBy = null) => new(
        submission.Id, submission.Kind.ToWire(), submission.Reason, submission.UndoOf, undoneBy, WireTime.Format(submission.CreatedAt),
        [.. submission.Changes.Select(c => new LocalChangeView(c.TeamId, c.TeamName, c.Delta, c.ScoreBefore, c.ScoreAfter))]);
}

/// <summary>One team's change in a <see cref="LocalSubmissionView"/>.</summary>
/// <param name="TeamName">The team's name when the change was made.</param>
public sealed record LocalChangeView(string TeamId, string TeamName, int Delta, int ScoreBefore, int ScoreAfter);

/// <summary>The leader's awards, undos and resets, newest first.</summary>
public sealed record LocalHistoryView(IReadOnlyList<LocalSubmissionView> Submissions);

/// <summary>The body of <c>POST /api/v1/local-teams/teams</c> (name required) and <c>PATCH .../teams/{teamId}</c> (either or both).</summary>
/// <param name="Name">1 to 50 characters after trimming, no control characters, unique on the scoreboard ignoring case.</param>
/// <param name="Colour"><c>red</c>, <c>green</c>, <c>blue</c>, <c>yellow</c>, <c>cyan</c>, <c>magenta</c>, <c>orange</c>, <c>white</c>, or <c>""</c> (none; the default).</param>
public sealed record LocalTeamBody(string? Name, string? Colour);

/// <summary>The body of <c>POST /api/v1/local-teams/awards</c>.</summary>
/// <param name="Reason">Optional, at most 200 characters.</param>
/// <param name="Changes">1 to 20 teams, each once; deltas −1,000..1,000, not 0.</param>
public sealed record LocalAwardBody(string? Reason, IReadOnlyList<LocalTeamDelta> Changes);
