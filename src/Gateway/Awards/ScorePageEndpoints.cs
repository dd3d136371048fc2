using System.Globalization;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.Extensions.Options;
using PatrolScores.Gateway.Countdowns;
using PatrolScores.Gateway.Devices.Pairing;
using PatrolScores.Gateway.Leaders;
using PatrolScores.Gateway.Osm;
using PatrolScores.Gateway.Trends;

namespace PatrolScores.Gateway.Awards;

/// <summary>
/// <c>/scores</c>: a leader signs in through OSM with the write scope (<see cref="OsmSignIn.WriteScope"/>) and awards points
/// to the patrols of their own sections. Forms post and redirect back (303) to the section's page with the outcome
/// (<c>?submission=</c>), so a reload never posts again. The same rules as the JSON API (<see cref="AwardSubmissions"/>).
/// </summary>
internal static class ScorePageEndpoints
{
    public static IEndpointRouteBuilder MapScorePages(this IEndpointRouteBuilder endpoints)
    {
        var pages = endpoints.MapGroup("/scores").ExcludeFromDescription();
        pages.MapGet("", SectionsAsync);
        pages.MapGet("/{sectionId}", SectionAsync);
        pages.MapPost("/{sectionId}/awards", AwardAsync);
        pages.MapPost("/awards/{id}/undo", UndoAsync);
        pages.MapPost("/{sectionId}/countdown", CountdownAsync);
        pages.MapPost("/{sectionId}/colours", ColoursAsync);
        return endpoints;
    }

    private static Task<IResult> SectionsAsync(HttpContext context, LeaderSession session, OsmSignIn signIn, IOptionsMonitor<PairingOptions> pairing) =>
        Task.FromResult(SignedIn(context, session) is { } leader
            ? ScorePages.Sections(leader.Sections)
            : SignIn(context, session, signIn, pairing, "/scores"));

    private static async Task<IResult> SectionAsync(
        HttpContext context, string sectionId, string? submission, string? window, string? colours, LeaderSession session, OsmSignIn signIn, IOptionsMonitor<PairingOptions> pairing,
        LeaderSectionGate gate, AwardSubmissions submissions, IAntiforgery antiforgery, ScoreTrends trends, BoardCountdowns countdowns, Colours.SectionColours sectionColours, TimeProvider time, IOptionsMonitor<OsmOptions> osm)
    {
        if (SignedIn(context, session) is null)
        {
            return SignIn(context, session, signIn, pairing, context.Request.Path);
        }

        var access = await gate.CheckAsync(context, sectionId, "page");
        if (access is not { Leader: { } leader, SectionId: var section })
        {
            return Refused(access);
        }

        var copy = await submissions.CurrentAsync(leader.UserId, section, context.RequestAborted);
        var shown = submission is null ? null : await submissions.GetAsync(leader, submission, context.RequestAborted);
        var history = await submissions.HistoryAsync(section, 20, context.RequestAborted);
        // The chart: 7 days in 6-hour buckets unless the leader chose 30 or 90 days (a day each); the climb is always this week's.
        var span = TrendWindows.TryParse(window, out var chosen) ? chosen : TrendWindow.SevenDays;
        var report = await trends.ReportAsync(section, span, span == TrendWindow.SevenDays ? TrendBucket.SixHours : TrendBucket.OneDay, context.RequestAborted);
        var chart = report.HasScores ? TrendChart.Svg(report) : null;
        var climb = report.BiggestClimb is { } best ? $"{best.Name}, {best.Change:+0;−0} ({best.From} → {best.To})" : null;
        var countdown = CountdownView.Of((await countdowns.ListAsync(section, context.RequestAborted)).FirstOrDefault(c => c.DeviceId is null), time.GetUtcNow());
        var boards = await countdowns.BoardsOfAsync(leader, section, context.RequestAborted);
        var patrolColours = await sectionColours.GetAsync(section, context.RequestAborted);
        var tokens = antiforgery.GetAndStoreTokens(context);
        var zone = TimeZoneInfo.FindSystemTimeZoneById(osm.CurrentValue.TimeZone);
        return ScorePages.Section(new SectionPageModel(
            section, leader.Sections[section], copy, shown is { SectionId: var s } && s == section ? shown : null, history, chart, climb, span, countdown, boards, patrolColours.Colours, colours == "saved",
            tokens.FormFieldName, tokens.RequestToken!, NewIdempotencyKey(),
            at => TimeZoneInfo.ConvertTime(at, zone).ToString("ddd d MMM HH:mm", CultureInfo.InvariantCulture)));
    }

    // The form is bound, so its antiforgery token is checked before this runs.
    private static async Task<IResult> AwardAsync(HttpContext context, string sectionId, LeaderSession session, LeaderSectionGate gate, AwardSubmissions submissions, IFormCollection form)
    {
        if (SignedIn(context, session) is null)
        {
            return SignedOut();
        }

        var access = await gate.CheckAsync(context, sectionId, "award");
        if (access is not { Leader: { } leader, SectionId: var section })
        {
            return Refused(access);
        }

        if (ReadDeltas(form) is not { } deltas)
        {
            return PairingPages.Message("Those points cannot be awarded", $"Each change is a whole number from -{AwardRules.MaxDelta} to {AwardRules.MaxDelta}. Go back and try again.", StatusCodes.Status400BadRequest);
        }

        var request = new AwardRequest(section, deltas, form["reason"].ToString(), form["idempotency_key"].ToString());
        return Answer(await submissions.SubmitAsync(leader, request, context.Connection.RemoteIpAddress?.ToString(), context.RequestAborted), section);
    }

    private static async Task<IResult> UndoAsync(HttpContext context, string id, LeaderSession session, AwardSubmissions submissions, IFormCollection form)
    {
        if (SignedIn(context, session) is not { } leader)
        {
            return SignedOut();
        }

        var outcome = await submissions.UndoAsync(leader, id, context.Connection.RemoteIpAddress?.ToString(), context.RequestAborted);
        return Answer(outcome, outcome is SubmitOutcome.Accepted { Submission: var undo } ? undo.SectionId : 0);
    }

    private static async Task<IResult> CountdownAsync(HttpContext context, string sectionId, LeaderSession session, LeaderSectionGate gate, BoardCountdowns countdowns, IFormCollection form)
    {
        if (SignedIn(context, session) is null)
        {
            return SignedOut();
        }

        var access = await gate.CheckAsync(context, sectionId, "countdown");
        if (access is not { Leader: { } leader, SectionId: var section })
        {
            return Refused(access);
        }

        return await ApplyCountdownFormAsync(context, leader, section, countdowns, form, $"/scores/{section}#countdown-state");
    }

    /// <summary>
    /// A countdown form's post on <paramref name="channel"/> (a section, or the leader's local teams): applied, then back to
    /// <paramref name="back"/>; a refusal as a page.
    /// </summary>
    internal static async Task<IResult> ApplyCountdownFormAsync(HttpContext context, LeaderIdentity leader, long channel, BoardCountdowns countdowns, IFormCollection form, string back)
    {
        if (!CountdownActions.TryParse(form["action"].ToString(), out var action)
            || !int.TryParse(form["minutes"].ToString() is { Length: > 0 } m ? m : "0", NumberStyles.None, CultureInfo.InvariantCulture, out var minutes)
            || !int.TryParse(form["seconds"].ToString() is { Length: > 0 } sec ? sec : "0", NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            || minutes > 1440 || seconds > 59)
        {
            return PairingPages.Message("That countdown cannot be set", "Give minutes (0 to 1440) and seconds (0 to 59), then press Start, Pause, Resume or Reset.", StatusCodes.Status400BadRequest);
        }

        var device = form["device_id"].ToString() is { Length: > 0 } id ? id : null;
        var outcome = await countdowns.ApplyAsync(leader, channel, device, action, TimeSpan.FromSeconds((minutes * 60) + seconds), context.Connection.RemoteIpAddress?.ToString(), context.RequestAborted);
        return outcome switch
        {
            CountdownOutcome.Applied => Results.Redirect(back),
            CountdownOutcome.NotYourBoard => PairingPages.Message("Not your board", "That board is not one of your boards showing these scores. The attempt was recorded.", StatusCodes.Status403Forbidden),
            CountdownOutcome.Refused refused => PairingPages.Message("That countdown cannot be changed", refused.Message + " Go back and try again.", refused.Code == CountdownErrorCodes.InvalidDuration ? StatusCodes.Status400BadRequest : StatusCodes.Status409Conflict),
            _ => throw new InvalidOperationException(outcome.GetType().Name),
        };
    }

    // Every "colour-{patrol}" select of the form: the patrols' colours as shown ("" = none). The form's antiforgery token is checked first.
    private static async Task<IResult> ColoursAsync(
        HttpContext context, string sectionId, LeaderSession session, LeaderSectionGate gate, Colours.SectionColours colours, AwardSubmissions submissions, IFormCollection form)
    {
        if (SignedIn(context, session) is null)
        {
            return SignedOut();
        }

        var access = await gate.CheckAsync(context, sectionId, "colours");
        if (access is not { Leader: { } leader, SectionId: var section })
        {
            return Refused(access);
        }

        var changes = new Dictionary<long, string>();
        foreach (var (name, value) in form)
        {
            if (!name.StartsWith("colour-", StringComparison.Ordinal))
            {
                continue;
            }

            if (!long.TryParse(name.AsSpan(7), NumberStyles.None, CultureInfo.InvariantCulture, out var patrol) || patrol <= 0
                || !Patrols.PatrolColourSet.IsColourName(value.ToString()) || changes.Count == Colours.ColourEndpoints.MaxPatrols)
            {
                return PairingPages.Message("Those colours cannot be set", "Choose one of the listed colours (or none) for each patrol, then save.", StatusCodes.Status400BadRequest);
            }

            changes[patrol] = value.ToString();
        }

        if (changes.Count == 0)
        {
            return PairingPages.Message("No colours to save", "Choose a colour for a patrol, then save.", StatusCodes.Status400BadRequest);
        }

        return await Colours.ColourEndpoints.ChangeAsync(context, leader, section, changes, colours, submissions) is { } refusal
            ? PairingPages.Message("Those colours cannot be set", refusal.Message + " Go back and try again.", StatusCodes.Status400BadRequest)
            : Results.Redirect($"/scores/{section}?colours=saved#colours");
    }

    // A quick button sends "patrol:delta" and only that; the main button sends every filled-in "delta-{patrol}".
    private static List<PatrolDelta>? ReadDeltas(IFormCollection form)
    {
        var quick = form["quick"].ToString();
        if (quick.Length > 0)
        {
            var parts = quick.Split(':');
            return parts.Length == 2 && long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var patrol)
                && int.TryParse(parts[1], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var delta)
                ? [new PatrolDelta(patrol, delta)]
                : null;
        }

        var deltas = new List<PatrolDelta>();
        foreach (var (name, value) in form)
        {
            if (!name.StartsWith("delta-", StringComparison.Ordinal) || value.ToString().Trim() is not { Length: > 0 } text)
            {
                continue;
            }

            if (!long.TryParse(name.AsSpan(6), NumberStyles.None, CultureInfo.InvariantCulture, out var patrol)
                || !int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var delta))
            {
                return null;
            }

            if (delta != 0)
            {
                deltas.Add(new PatrolDelta(patrol, delta));
            }
        }

        return deltas;
    }

    private static IResult Answer(SubmitOutcome outcome, long sectionId) => outcome switch
    {
        SubmitOutcome.Accepted { Submission: var submission } => Results.Redirect($"/scores/{submission.SectionId}?submission={submission.Id}#outcome"),
        SubmitOutcome.Forbidden => Refused(new SectionAccess(null, sectionId, SectionAccessProblem.Forbidden)),
        SubmitOutcome.NotFound => PairingPages.Message("No such award", "It is not one of your sections' awards. Open the section's page again.", StatusCodes.Status404NotFound),
        SubmitOutcome.Invalid { Code: AwardErrorCodes.InvalidAwards } when sectionId > 0 => PairingPages.Message(
            "Nothing to award", $"Press a quick button, or type a change (a whole number from -{AwardRules.MaxDelta} to {AwardRules.MaxDelta}, not 0) for one or more patrols, then award.", StatusCodes.Status400BadRequest),
        SubmitOutcome.Invalid invalid => PairingPages.Message("Those points cannot be awarded", invalid.Message + " Go back and try again.", StatusCodes.Status400BadRequest),
        SubmitOutcome.Conflict conflict => PairingPages.Message("That was already done", conflict.Message, StatusCodes.Status409Conflict),
        _ => throw new InvalidOperationException(outcome.GetType().Name),
    };

    // Score entry needs a sign-in with OSM's write scope; a session from /devices (read only) signs in again.
    private static LeaderIdentity? SignedIn(HttpContext context, LeaderSession session) =>
        session.Read(context) is { CanAward: true } leader ? leader : null;

    /// <summary>Sends the browser to OSM's sign-in with the write scope, coming back to <paramref name="returnTo"/> (also used by <c>/scores/local</c>).</summary>
    internal static IResult SignIn(HttpContext context, LeaderSession session, OsmSignIn signIn, IOptionsMonitor<PairingOptions> pairing, string returnTo) =>
        Results.Redirect(signIn.AuthorizeUrl(
            DeviceManagementEndpoints.CallbackUri(pairing.CurrentValue),
            session.StartSignIn(context, returnTo, OsmSignIn.WriteScope),
            OsmSignIn.WriteScope));

    /// <summary>The page answering a form posted after the session ended.</summary>
    internal static IResult SignedOut() =>
        PairingPages.Message("You are not signed in", "Your sign-in has expired. Open the points page again to sign in; nothing was awarded.", StatusCodes.Status401Unauthorized);

    private static IResult Refused(SectionAccess access) => access.Problem switch
    {
        SectionAccessProblem.InvalidId => PairingPages.Message("No such section", "Open the points page and choose one of your sections.", StatusCodes.Status400BadRequest),
        SectionAccessProblem.SignedOut => SignedOut(),
        _ => PairingPages.Message("Not your section", "This section is not in your Online Scout Manager profile. The attempt was recorded.", StatusCodes.Status403Forbidden),
    };

    /// <summary>A fresh idempotency key for one form (a resubmitted form applies nothing twice).</summary>
    internal static string NewIdempotencyKey() => "form-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
}
