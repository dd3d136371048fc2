using System.Globalization;
using System.Text;
using PatrolScores.Gateway.Awards;
using PatrolScores.Gateway.Devices.Pairing;
using PatrolScores.Gateway.Storage.Records;

namespace PatrolScores.Gateway.LocalTeams;

/// <summary>
/// <c>/scores/local</c>, server-rendered for a phone and working without JavaScript: the leader's local teams with quick
/// buttons (accessible names "+5 Hawks"), a custom change each and one reason; adding a team ("Team name", "Colour", "Add
/// team"); renaming, recolouring and deleting ("Save Hawks", "Delete Hawks"); the history with undo; a reset confirmed by a
/// checkbox. Every value is HTML-encoded, every form carries the antiforgery token and the award form a fresh idempotency key.
/// </summary>
internal static class LocalTeamPages
{
    public const string Path = "/scores/local";

    public static IResult Page(LocalTeamsPageModel model)
    {
        var html = new StringBuilder();
        html.Append(CultureInfo.InvariantCulture, $"""
            <nav><a href="/scores">Sections</a><a href="/devices">Scoreboards</a></nav><h1>Local teams</h1>
            <p class="muted">Teams of your own for games, up to {LocalTeamRules.MaxTeams}: their points are kept by this app and never sent to Online Scout Manager. To show them on one of your boards, choose "Local teams" for it on <a href="/devices">your scoreboards</a>.</p>
            """);
        if (model.Shown is { } shown)
        {
            html.Append(CultureInfo.InvariantCulture, $"""<div class="notice" role="status" id="outcome"><strong>{E(Heading(shown))}</strong><p class="outcome">{E(Describe(shown))}</p></div>""");
        }

        html.Append(model.Board.Teams.Count == 0 ? "<p>No teams yet: add one below.</p>" : AwardForm(model));
        html.Append(AddForm(model));
        html.Append(EditForms(model));
        html.Append(Awards.ScorePages.CountdownForm(
            $"{Path}/countdown", model.Countdown, model.Boards ?? [], model.AntiforgeryField, model.AntiforgeryToken, "Every board showing local teams", "your boards showing local teams"));
        html.Append(History(model));
        html.Append(CultureInfo.InvariantCulture, $"""
            <h2>Start again</h2>
            <form method="post" action="{Path}/reset">
              {Token(model)}
              <p><input type="checkbox" id="reset-confirm" name="confirm" value="yes" required> <label for="reset-confirm">Yes, set every score to 0</label></p>
              <button type="submit">Reset scores to zero</button>
            </form>
            """);
        return PairingPages.Page("Local teams", html.ToString());
    }

    /// <summary>A submission in words: "Hawks +5: 0 → 5; Owls −1: 3 → 2" (a reset with no score to change: "every score was 0").</summary>
    public static string Describe(LocalTeamSubmission submission) =>
        submission.Changes.Count == 0
            ? "every score was 0"
            : string.Join("; ", submission.Changes.Select(c => $"{c.TeamName} {Signed(c.Delta)}: {c.ScoreBefore} → {c.ScoreAfter}"));

    private static string Heading(LocalTeamSubmission submission) => submission.Kind switch
    {
        LocalSubmissionKind.Award => "Points awarded",
        LocalSubmissionKind.Undo => "Undone",
        _ => "Scores reset to 0",
    };

    private static string AwardForm(LocalTeamsPageModel model)
    {
        var teams = new StringBuilder();
        foreach (var team in model.Board.Teams)
        {
            var name = E(team.Name);
            var buttons = string.Concat(ScorePages.QuickDeltas.Select(delta =>
                $"""<button type="submit" name="quick" value="{E(team.Id)}:{delta}" aria-label="{Signed(delta)} {name}">{Signed(delta)}</button>"""));
            var colour = team.Colour.Length > 0 ? $""" <span class="muted">({E(team.Colour)})</span>""" : "";
            teams.Append(CultureInfo.InvariantCulture, $"""
                <section class="patrol" aria-labelledby="t-{E(team.Id)}">
                  <h2 id="t-{E(team.Id)}"><span>{name}</span>{colour} <span class="score" data-team="{E(team.Id)}">{team.Score}</span></h2>
                  <div class="quick">{buttons}</div>
                  <div class="custom"><label for="delta-{E(team.Id)}">Other change for {name}</label><input type="number" id="delta-{E(team.Id)}" name="delta-{E(team.Id)}" min="-{AwardRules.MaxDelta}" max="{AwardRules.MaxDelta}" step="1" inputmode="numeric"></div>
                </section>
                """);
        }

        return $"""
            <form method="post" action="{Path}/awards">
              {Token(model)}
              {PairingPages.Hidden("idempotency_key", model.IdempotencyKey)}
              <label for="reason">Reason (optional)</label>
              <input type="text" class="plain" id="reason" name="reason" maxlength="{AwardRules.MaxReason}" autocomplete="off">
              {teams}
              <button class="primary" type="submit" name="quick" value="">Award the other changes</button>
            </form>
            """;
    }

    private static string AddForm(LocalTeamsPageModel model) => model.Board.Teams.Count >= LocalTeamRules.MaxTeams
        ? $"""<h2 id="add-team">Add a team</h2><p class="notice">Your local scoreboard holds {LocalTeamRules.MaxTeams} teams, the most it can: delete one to add another.</p>"""
        : $"""
        <h2 id="add-team">Add a team</h2>
        <form method="post" action="{Path}/teams">
          {Token(model)}
          <label for="team-name">Team name</label>
          <input type="text" class="plain" id="team-name" name="name" maxlength="{LocalTeamRules.MaxName}" required autocomplete="off">
          <label for="team-colour">Colour</label>
          <select id="team-colour" name="colour">{ColourOptions("")}</select>
          <button class="primary" type="submit">Add team</button>
        </form>
        """;

    private static string EditForms(LocalTeamsPageModel model)
    {
        if (model.Board.Teams.Count == 0)
        {
            return "";
        }

        var forms = new StringBuilder();
        foreach (var team in model.Board.Teams)
        {
            var name = E(team.Name);
            var id = E(team.Id);
            forms.Append(CultureInfo.InvariantCulture, $"""
                <li><form method="post" action="{Path}/teams/{id}">
                  {Token(model)}
                  <label for="name-{id}">Name of {name}</label>
                  <input type="text" class="plain" id="name-{id}" name="name" value="{name}" maxlength="{LocalTeamRules.MaxName}" required autocomplete="off">
                  <label for="colour-{id}">Colour of {name}</label>
                  <select id="colour-{id}" name="colour">{ColourOptions(team.Colour)}</select>
                  <button type="submit" aria-label="Save {name}">Save</button>
                </form>
                <form method="post" action="{Path}/teams/{id}/delete">{Token(model)}<button type="submit" aria-label="Delete {name}">Delete</button></form></li>
                """);
        }

        return $"""<h2 id="your-teams">Your teams</h2><ul class="teams">{forms}</ul>""";
    }

    private static string History(LocalTeamsPageModel model)
    {
        if (model.History.Count == 0)
        {
            return "<h2>History</h2><p>No points awarded here yet.</p>";
        }

        var items = new StringBuilder();
        foreach (var (submission, undoneBy) in model.History)
        {
            var what = $"{Heading(submission)}: {Describe(submission)}";
            var reason = submission.Reason is { } why ? $" — “{E(why)}”" : "";
            var undo = undoneBy is not null ? " <em>(undone)</em>"
                : submission.Kind != LocalSubmissionKind.Undo && submission.Changes.Count > 0
                    ? $"""<form method="post" action="{Path}/awards/{E(submission.Id)}/undo">{Token(model)}<button type="submit" aria-label="Undo {E(Describe(submission))}">Undo</button></form>"""
                    : "";
            items.Append(CultureInfo.InvariantCulture, $"""<li><span class="muted">{E(model.LocalTime(submission.CreatedAt))}</span> {E(what)}{reason} {undo}</li>""");
        }

        return $"""<h2>History</h2><ol class="history" reversed>{items}</ol>""";
    }

    private static string ColourOptions(string chosen) =>
        string.Concat(new[] { "" }.Concat(LocalTeamRules.Colours).Select(colour =>
            $"""<option value="{colour}"{(colour == chosen ? " selected" : "")}>{(colour.Length == 0 ? "None" : CultureInfo.InvariantCulture.TextInfo.ToTitleCase(colour))}</option>"""));

    private static string Token(LocalTeamsPageModel model) => PairingPages.Hidden(model.AntiforgeryField, model.AntiforgeryToken);

    private static string Signed(int delta) => delta.ToString("+0;−0", CultureInfo.InvariantCulture);

    private static string E(string? value) => PairingPages.Encode(value);
}

/// <summary>
/// What <c>/scores/local</c> shows: the scoreboard, the submission just made (if any), the history and the forms' tokens, the
/// countdown of the leader's boards showing local teams and those boards (for the countdown's "only" choice).
/// </summary>
internal sealed record LocalTeamsPageModel(
    LocalScoreboard Board,
    LocalTeamSubmission? Shown,
    IReadOnlyList<LocalHistoryEntry> History,
    string AntiforgeryField,
    string AntiforgeryToken,
    string IdempotencyKey,
    Func<DateTimeOffset, string> LocalTime,
    Countdowns.CountdownView? Countdown = null,
    IReadOnlyList<(string Id, string Name)>? Boards = null);
