using System.Globalization;
using System.Text;
using PatrolScores.Gateway.Countdowns;
using PatrolScores.Gateway.Devices.Pairing;
using PatrolScores.Gateway.Storage.Records;
using PatrolScores.Gateway.Trends;

namespace PatrolScores.Gateway.Awards;

/// <summary>
/// Score entry's pages, server-rendered for a phone and working without JavaScript: the leader's sections, and a section's
/// page (its patrols with quick buttons and a custom change each, one reason, the outcome of the last submission per
/// patrol, the trend chart and the history with undo). Every value is HTML-encoded; every form carries the antiforgery
/// token, and the award form a fresh idempotency key (a resubmitted form applies nothing twice).
/// </summary>
internal static class ScorePages
{
    /// <summary>The quick buttons' deltas (issue 12: +1, +5, +10, −1).</summary>
    public static readonly int[] QuickDeltas = [1, 5, 10, -1];

    public static IResult Sections(IReadOnlyDictionary<long, string> sections)
    {
        var list = new StringBuilder();
        foreach (var (id, name) in sections.OrderBy(s => s.Value, StringComparer.Ordinal))
        {
            list.Append(CultureInfo.InvariantCulture, $"""<li><a href="/scores/{id}">{E(name)}</a></li>""");
        }

        var body = sections.Count == 0
            ? "<p>Your Online Scout Manager account gives this app no section where you may change points.</p>"
            : $"<ul>{list}</ul>";
        return PairingPages.Page("Award points", $"""<nav><a href="/devices">Your scoreboards</a><a href="/scores/local">Local teams</a></nav><h1>Award points</h1><p>Choose a section.</p>{body}""");
    }

    /// <summary>A section's page. <paramref name="copy"/> is null when OSM could not be asked and nothing is cached.</summary>
    public static IResult Section(SectionPageModel model)
    {
        var html = new StringBuilder();
        html.Append(CultureInfo.InvariantCulture, $"""<nav><a href="/scores">Sections</a><a href="/devices">Scoreboards</a></nav><h1>{E(model.SectionName)}</h1>""");
        if (model.Shown is { } shown)
        {
            html.Append(Outcome(shown, model.LocalTime));
        }

        if (model.Copy is not { } copy)
        {
            html.Append("<p class=\"notice failed\" role=\"alert\">Online Scout Manager cannot be asked for this section's points right now and none are held yet. Try again in a few minutes.</p>");
        }
        else
        {
            html.Append(CultureInfo.InvariantCulture, $"""<p class="muted">Points as read from Online Scout Manager at {E(model.LocalTime(copy.CachedAt))}{(copy.Fresh ? "" : " (OSM cannot be asked right now; awards are queued and sent later)")}.</p>""");
            html.Append(AwardForm(model, copy));
        }

        if (model.Copy is { } shownCopy)
        {
            html.Append(ColourForm(model, shownCopy));
        }

        html.Append(Countdown(model));
        html.Append(CultureInfo.InvariantCulture, $"""<h2>Points over time</h2><nav class="windows" aria-label="Chart period">{WindowLinks(model)}</nav>""");
        html.Append(model.ChartSvg is { } chart
            ? $"""<div class="chart">{chart}</div>"""
            : "<p class=\"muted\">No points recorded in this period yet.</p>");

        if (model.BiggestClimb is { } climb)
        {
            html.Append(CultureInfo.InvariantCulture, $"""<p id="biggest-climb">This week's biggest climb: <strong>{E(climb)}</strong></p>""");
        }

        html.Append(History(model));
        return PairingPages.Page($"Points: {model.SectionName}", html.ToString());
    }

    private static string AwardForm(SectionPageModel model, SectionCopy copy)
    {
        var patrols = new StringBuilder();
        foreach (var patrol in copy.Points.Patrols)
        {
            var quick = string.Concat(QuickDeltas.Select(delta =>
                $"""<button type="submit" name="quick" value="{patrol.Id}:{delta}" aria-label="{Signed(delta)} to {E(patrol.Name)}">{Signed(delta)}</button>"""));
            patrols.Append(CultureInfo.InvariantCulture, $"""
                <section class="patrol" aria-labelledby="p-{patrol.Id}">
                  <h2 id="p-{patrol.Id}"><span>{E(patrol.Name)}</span> <span class="score" data-patrol="{patrol.Id}">{patrol.Points}</span></h2>
                  <div class="quick">{quick}</div>
                  <div class="custom"><label for="delta-{patrol.Id}">Other change for {E(patrol.Name)}</label>
                  <input type="number" id="delta-{patrol.Id}" name="delta-{patrol.Id}" min="-{AwardRules.MaxDelta}" max="{AwardRules.MaxDelta}" step="1" inputmode="numeric"></div>
                </section>
                """);
        }

        return $"""
            <form method="post" action="/scores/{model.SectionId}/awards">
              {PairingPages.Hidden(model.AntiforgeryField, model.AntiforgeryToken)}
              {PairingPages.Hidden("idempotency_key", model.IdempotencyKey)}
              <label for="reason">Reason (optional)</label>
              <input type="text" class="plain" id="reason" name="reason" maxlength="{AwardRules.MaxReason}" autocomplete="off">
              {patrols}
              <button class="primary" type="submit" name="quick" value="">Award the other changes</button>
            </form>
            """;
    }

    private static string Outcome(AwardSubmission submission, Func<DateTimeOffset, string> localTime)
    {
        var status = AwardSubmissionView.StatusOf(submission);
        var lines = string.Concat(submission.Awards.Select(award => $"""<p class="outcome">{E(Describe(award, localTime))}</p>"""));
        var heading = status switch
        {
            "applied" => submission.UndoOf is null ? "Points awarded" : "Undone",
            "pending" => "Waiting to be sent",
            "partly_applied" => "Some points could not be awarded",
            _ => "The points could not be awarded",
        };
        var kind = status switch { "applied" => "", "pending" => " pending", _ => " failed" };
        return $"""<div class="notice{kind}" role="status" id="outcome"><strong>{E(heading)}</strong>{lines}</div>""";
    }

    /// <summary>One patrol's outcome in words: "Eagles +5: 47 → 52", "Eagles +5: pending, will be sent after 20:15".</summary>
    public static string Describe(PatrolAward award, Func<DateTimeOffset, string> localTime) =>
        $"{award.PatrolName} {Signed(award.Delta)}: " + award.State switch
        {
            AwardState.Applied => $"{award.PointsBefore} → {award.PointsAfter}",
            AwardState.Pending or AwardState.Writing => award.NotBefore is { } at ? $"pending, will be sent after {localTime(at)}" : "pending, being sent",
            _ => award.Failure switch
            {
                AwardFailure.PatrolNotFound => "not sent: OSM no longer shows this patrol",
                AwardFailure.OsmRejected => "not sent: OSM refused the change (do you have permission to change this section's points?)",
                AwardFailure.OsmDidNotStore => "not awarded: OSM answered but kept the old points",
                AwardFailure.Uncertain => "not confirmed: the points changed in OSM meanwhile; check them in OSM",
                AwardFailure.NoCurrentTerm => "not sent: the section has no current term in OSM",
                AwardFailure.ReauthorizationRequired => "not sent: sign in to OSM again, then award again",
                _ => "failed",
            },
        };

    private static string History(SectionPageModel model)
    {
        if (model.History.Count == 0)
        {
            return "<h2>History</h2><p>No points awarded here yet.</p>";
        }

        var items = new StringBuilder();
        foreach (var (submission, undoneBy) in model.History)
        {
            var changes = string.Join("; ", submission.Awards.Select(a => Describe(a, model.LocalTime)));
            var reason = submission.Reason is { } why ? $" — “{E(why)}”" : "";
            var undo = submission.UndoOf is null && undoneBy is null && !submission.IsOpen && submission.Awards.Any(a => a.State == AwardState.Applied)
                ? $"""<form method="post" action="/scores/awards/{E(submission.Id)}/undo">{PairingPages.Hidden(model.AntiforgeryField, model.AntiforgeryToken)}<button type="submit" aria-label="Undo {E(changes)}">Undo</button></form>"""
                : undoneBy is not null ? " <em>(undone)</em>" : "";
            items.Append(CultureInfo.InvariantCulture, $"""<li><span class="muted">{E(model.LocalTime(submission.CreatedAt))}</span> {E(submission.LeaderName)}: {E(changes)}{reason} {undo}</li>""");
        }

        return $"""<h2>History</h2><ol class="history" reversed>{items}</ol>""";
    }

    // One select per patrol with the eight colours boards know (or none); saved together. Boards are told at once.
    private static string ColourForm(SectionPageModel model, SectionCopy copy)
    {
        var rows = new StringBuilder();
        foreach (var patrol in copy.Points.Patrols)
        {
            var id = patrol.Id.ToString(CultureInfo.InvariantCulture);
            var current = model.PatrolColours.TryGetValue(id, out var colour) ? colour : "";
            var options = string.Concat(new[] { "" }.Concat(Patrols.PatrolColourSet.Names).Select(name =>
                $"""<option value="{name}"{(name == current ? " selected" : "")}>{(name.Length == 0 ? "None" : char.ToUpperInvariant(name[0]) + name[1..])}</option>"""));
            rows.Append(CultureInfo.InvariantCulture, $"""<div class="colour"><label for="colour-{id}">Colour for {E(patrol.Name)}</label><select id="colour-{id}" name="colour-{id}">{options}</select></div>""");
        }

        return $"""
            <h2 id="colours">Patrol colours on the boards</h2>{(model.ColoursSaved ? """<p class="notice" role="status">Colours saved: the section's boards show them now.</p>""" : "")}
            <form method="post" action="/scores/{model.SectionId}/colours">
              {PairingPages.Hidden(model.AntiforgeryField, model.AntiforgeryToken)}
              {rows}
              <button type="submit">Save colours</button>
            </form>
            """;
    }

    private static string Countdown(SectionPageModel model) =>
        CountdownForm($"/scores/{model.SectionId}/countdown", model.Countdown, model.Boards, model.AntiforgeryField, model.AntiforgeryToken, "Every board of this section");

    /// <summary>
    /// The countdown form (posted to <paramref name="action"/>): a duration, every board (<paramref name="everyBoard"/>) or
    /// one of <paramref name="boards"/>, and the four actions; with the countdown as it stands.
    /// </summary>
    internal static string CountdownForm(string action, CountdownView? countdown, IReadOnlyList<(string Id, string Name)> boards, string antiforgeryField, string antiforgeryToken, string everyBoard, string boardsNoun = "the section's boards")
    {
        var state = countdown switch
        {
            { State: "running" } c => $"Running: {c.RemainingSeconds / 60}:{c.RemainingSeconds % 60:00} left of {c.DurationSeconds / 60}:{c.DurationSeconds % 60:00}.",
            { State: "paused" } c => $"Paused with {c.RemainingSeconds / 60}:{c.RemainingSeconds % 60:00} left.",
            { State: "ended" } => "Ended.",
            _ => $"No countdown on {boardsNoun}.",
        };
        var options = string.Concat(boards.Select(b => $"""<option value="{E(b.Id)}">{E(b.Name)} only</option>"""));
        return $"""
            <h2>Countdown</h2>
            <p id="countdown-state" role="status">{E(state)}</p>
            <form method="post" action="{E(action)}" class="countdown">
              {PairingPages.Hidden(antiforgeryField, antiforgeryToken)}
              <div class="custom"><label for="minutes">Minutes</label><input type="number" id="minutes" name="minutes" min="0" max="1440" step="1" value="1" inputmode="numeric">
              <label for="seconds">Seconds</label><input type="number" id="seconds" name="seconds" min="0" max="59" step="1" value="0" inputmode="numeric"></div>
              <label for="board">On</label>
              <select id="board" name="device_id"><option value="">{E(everyBoard)}</option>{options}</select>
              <div class="quick"><button type="submit" name="action" value="start">Start</button><button type="submit" name="action" value="pause">Pause</button><button type="submit" name="action" value="resume">Resume</button><button type="submit" name="action" value="reset">Reset</button></div>
            </form>
            """;
    }

    private static string WindowLinks(SectionPageModel model) => string.Concat(
        new[] { (TrendWindow.SevenDays, "7 days"), (TrendWindow.ThirtyDays, "30 days"), (TrendWindow.NinetyDays, "90 days") }.Select(w => w.Item1 == model.ChartWindow
            ? $"""<a aria-current="page" href="/scores/{model.SectionId}?window={w.Item1.ToWire()}">{w.Item2}</a>"""
            : $"""<a href="/scores/{model.SectionId}?window={w.Item1.ToWire()}">{w.Item2}</a>"""));

    private static string Signed(int delta) => delta.ToString("+0;−0", CultureInfo.InvariantCulture);

    private static string E(string? value) => PairingPages.Encode(value);
}

/// <summary>What a section's page shows.</summary>
internal sealed record SectionPageModel(
    long SectionId,
    string SectionName,
    SectionCopy? Copy,
    AwardSubmission? Shown,
    IReadOnlyList<(AwardSubmission Submission, string? UndoneBy)> History,
    string? ChartSvg,
    string? BiggestClimb,
    TrendWindow ChartWindow,
    CountdownView? Countdown,
    IReadOnlyList<(string Id, string Name)> Boards,
    IReadOnlyDictionary<string, string> PatrolColours,
    bool ColoursSaved,
    string AntiforgeryField,
    string AntiforgeryToken,
    string IdempotencyKey,
    Func<DateTimeOffset, string> LocalTime);
