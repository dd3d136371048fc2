using System.Globalization;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.Extensions.Options;
using PatrolScores.Gateway.Awards;
using PatrolScores.Gateway.Devices.Pairing;
using PatrolScores.Gateway.Leaders;
using PatrolScores.Gateway.Osm;
using PatrolScores.Gateway.Storage.Records;

namespace PatrolScores.Gateway.LocalTeams;

/// <summary>
/// <c>/scores/local</c> and its forms: a leader signs in as for <c>/scores</c> (nothing here calls OSM; any leader session
/// will do). Each form posts (antiforgery token checked by the form binding) and redirects back (PRG), an award or undo with
/// its outcome (<c>?submission=</c>), so a reload never posts again. The same rules as the JSON API (<see cref="LocalScoreboards"/>).
/// </summary>
internal static class LocalTeamPageEndpoints
{
    public static IEndpointRouteBuilder MapLocalTeamPages(this IEndpointRouteBuilder endpoints)
    {
        var pages = endpoints.MapGroup(LocalTeamPages.Path).ExcludeFromDescription();
        endpoints.MapGet(LocalTeamPages.Path, PageAsync).ExcludeFromDescription();
        pages.MapPost("/teams", CreateAsync);
        pages.MapPost("/teams/{teamId}", EditAsync);
        pages.MapPost("/teams/{teamId}/delete", DeleteAsync);
        pages.MapPost("/awards", AwardAsync);
        pages.MapPost("/awards/{id}/undo", UndoAsync);
        pages.MapPost("/reset", ResetAsync);
        pages.MapPost("/countdown", CountdownAsync);
        return endpoints;
    }

    private static async Task<IResult> PageAsync(
        HttpContext context, string? submission, LeaderSession session, OsmSignIn signIn, IOptionsMonitor<PairingOptions> pairing,
        LocalScoreboards boards, IAntiforgery antiforgery, IOptionsMonitor<OsmOptions> osm, Countdowns.BoardCountdowns countdowns, TimeProvider time)
    {
        if (session.Read(context) is not { } leader)
        {
            return ScorePageEndpoints.SignIn(context, session, signIn, pairing, LocalTeamPages.Path);
        }

        var board = await boards.ReadAsync(leader.UserId, context.RequestAborted);
        var shown = submission is { Length: > 0 and <= 64 } id ? await boards.GetAsync(leader.UserId, id, context.RequestAborted) : null;
        var history = await boards.HistoryAsync(leader.UserId, 20, context.RequestAborted);
        var channel = LocalBoards.Channel(leader.UserId);
        var countdown = Countdowns.CountdownView.Of((await countdowns.ListAsync(channel, context.RequestAborted)).FirstOrDefault(c => c.DeviceId is null), time.GetUtcNow());
        var showing = await countdowns.BoardsOfAsync(leader, channel, context.RequestAborted);
        var tokens = antiforgery.GetAndStoreTokens(context);
        var zone = TimeZoneInfo.FindSystemTimeZoneById(osm.CurrentValue.TimeZone);
        return LocalTeamPages.Page(new LocalTeamsPageModel(
            board, shown, history, tokens.FormFieldName, tokens.RequestToken!, ScorePageEndpoints.NewIdempotencyKey(),
            at => TimeZoneInfo.ConvertTime(at, zone).ToString("ddd d MMM HH:mm", CultureInfo.InvariantCulture), countdown, showing));
    }

    // The countdown form on the boards showing local teams (the form's antiforgery token is checked first).
    private static async Task<IResult> CountdownAsync(HttpContext context, LeaderSession session, Countdowns.BoardCountdowns countdowns, IFormCollection form) =>
        session.Read(context) is not { } leader
            ? ScorePageEndpoints.SignedOut()
            : await ScorePageEndpoints.ApplyCountdownFormAsync(context, leader, LocalBoards.Channel(leader.UserId), countdowns, form, $"{LocalTeamPages.Path}#countdown-state");

    private static async Task<IResult> CreateAsync(HttpContext context, LeaderSession session, LocalScoreboards boards, IFormCollection form) =>
        session.Read(context) is not { } leader
            ? ScorePageEndpoints.SignedOut()
            : Answer(await boards.CreateTeamAsync(leader.UserId, form["name"].ToString(), form["colour"].ToString(), Source(context), context.RequestAborted), "#your-teams");

    private static async Task<IResult> EditAsync(HttpContext context, string teamId, LeaderSession session, LocalScoreboards boards, IFormCollection form) =>
        session.Read(context) is not { } leader
            ? ScorePageEndpoints.SignedOut()
            : Answer(await boards.EditTeamAsync(leader.UserId, teamId, form["name"].ToString(), form["colour"].ToString(), context.RequestAborted), "#your-teams");

    private static async Task<IResult> DeleteAsync(HttpContext context, string teamId, LeaderSession session, LocalScoreboards boards, IFormCollection form) =>
        session.Read(context) is not { } leader
            ? ScorePageEndpoints.SignedOut()
            : Answer(await boards.DeleteTeamAsync(leader.UserId, teamId, Source(context), context.RequestAborted), "#your-teams");

    private static async Task<IResult> AwardAsync(HttpContext context, LeaderSession session, LocalScoreboards boards, IFormCollection form)
    {
        if (session.Read(context) is not { } leader)
        {
            return ScorePageEndpoints.SignedOut();
        }

        if (ReadDeltas(form) is not { } deltas)
        {
            return PairingPages.Message("Those points cannot be awarded", $"Each change is a whole number from -{AwardRules.MaxDelta} to {AwardRules.MaxDelta}. Go back and try again.", StatusCodes.Status400BadRequest);
        }

        var request = new LocalAwardRequest(deltas, form["reason"].ToString(), form["idempotency_key"].ToString());
        return Answer(await boards.AwardAsync(leader.UserId, request, context.RequestAborted));
    }

    private static async Task<IResult> UndoAsync(HttpContext context, string id, LeaderSession session, LocalScoreboards boards, IFormCollection form) =>
        session.Read(context) is not { } leader
            ? ScorePageEndpoints.SignedOut()
            : Answer(await boards.UndoAsync(leader.UserId, id, context.RequestAborted));

    private static async Task<IResult> ResetAsync(HttpContext context, LeaderSession session, LocalScoreboards boards, IFormCollection form)
    {
        if (session.Read(context) is not { } leader)
        {
            return ScorePageEndpoints.SignedOut();
        }

        if (form["confirm"].ToString() != "yes")
        {
            return PairingPages.Message("Nothing was reset", "Tick “Yes, set every score to 0” to confirm, then press Reset scores to zero.", StatusCodes.Status400BadRequest);
        }

        var reset = await boards.ResetAsync(leader.UserId, Source(context), context.RequestAborted);
        return Shown(reset);
    }

    // A quick button sends "team:delta" and only that; the main button sends every filled-in "delta-{team}".
    private static List<LocalTeamDelta>? ReadDeltas(IFormCollection form)
    {
        if (form["quick"].ToString() is { Length: > 0 } quick)
        {
            var colon = quick.LastIndexOf(':');
            return colon > 0 && int.TryParse(quick.AsSpan(colon + 1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var delta)
                ? [new LocalTeamDelta(quick[..colon], delta)]
                : null;
        }

        var deltas = new List<LocalTeamDelta>();
        foreach (var (name, value) in form)
        {
            if (name.StartsWith("delta-", StringComparison.Ordinal) && value.ToString().Trim() is { Length: > 0 } text)
            {
                if (!int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var delta))
                {
                    return null;
                }

                if (delta != 0)
                {
                    deltas.Add(new LocalTeamDelta(name[6..], delta));
                }
            }
        }

        return deltas;
    }

    private static IResult Answer(LocalOutcome<LocalTeam> outcome, string fragment) => outcome switch
    {
        LocalOutcome<LocalTeam>.Done => Results.Redirect(LocalTeamPages.Path + fragment),
        LocalOutcome<LocalTeam>.Refused refused => Refused(refused.Problem, refused.Message),
        _ => throw new InvalidOperationException(outcome.GetType().Name),
    };

    private static IResult Answer(LocalOutcome<LocalTeamSubmission> outcome) => outcome switch
    {
        LocalOutcome<LocalTeamSubmission>.Done { Value: var submission } => Shown(submission),
        LocalOutcome<LocalTeamSubmission>.Refused { Problem: LocalTeamProblem.InvalidChanges } => PairingPages.Message(
            "Nothing to award", $"Press a quick button, or type a change (a whole number from -{AwardRules.MaxDelta} to {AwardRules.MaxDelta}, not 0) for one or more teams, then award.", StatusCodes.Status400BadRequest),
        LocalOutcome<LocalTeamSubmission>.Refused refused => Refused(refused.Problem, refused.Message),
        _ => throw new InvalidOperationException(outcome.GetType().Name),
    };

    private static IResult Shown(LocalTeamSubmission submission) => Results.Redirect($"{LocalTeamPages.Path}?submission={submission.Id}#outcome");

    private static IResult Refused(LocalTeamProblem problem, string message) =>
        PairingPages.Message(problem.Status() == StatusCodes.Status409Conflict ? "That cannot be done" : "That cannot be changed", message + " Go back and try again.", problem.Status());

    private static string? Source(HttpContext context) => context.Connection.RemoteIpAddress?.ToString();
}
