using System.Globalization;
using System.Text.Json;
using PatrolScores.Gateway.ApiDocument;
using PatrolScores.Gateway.Awards;
using PatrolScores.Gateway.Errors;
using PatrolScores.Gateway.Leaders;

namespace PatrolScores.Gateway.LocalTeams;

/// <summary>
/// The local teams' JSON API for a signed-in leader (the <c>ps_leader</c> cookie), always on the leader's own scoreboard
/// (<c>docs/leader-api.md</c>, "Local teams"):
/// <list type="bullet">
/// <item><c>GET /api/v1/local-teams</c>: the teams and scores.</item>
/// <item><c>POST /api/v1/local-teams/teams</c>, <c>PATCH</c> and <c>DELETE /api/v1/local-teams/teams/{teamId}</c>: create, rename or recolour, delete.</item>
/// <item><c>POST /api/v1/local-teams/awards</c> (header <c>Idempotency-Key</c>): applied at once; a replay answers the first.</item>
/// <item><c>POST /api/v1/local-teams/awards/{id}/undo</c> (once), <c>POST /api/v1/local-teams/reset</c>, <c>GET /api/v1/local-teams/history</c>.</item>
/// </list>
/// POSTs and PATCH must be <c>application/json</c> (415 <c>json_required</c>), the leader API's CSRF rule.
/// </summary>
internal static class LocalTeamEndpoints
{
    private static readonly DocumentedError InvalidBody = new(400, LocalTeamErrorCodes.InvalidBody, "The body is not the JSON object the endpoint takes.");
    private static readonly DocumentedError InvalidName = new(400, LocalTeamErrorCodes.InvalidTeamName, "The name, trimmed, is empty, over 50 characters or holds control characters.");
    private static readonly DocumentedError InvalidColour = new(400, LocalTeamErrorCodes.InvalidColour, "The colour is not red, green, blue, yellow, cyan, magenta, orange, white or \"\".");
    private static readonly DocumentedError NameTaken = new(409, LocalTeamErrorCodes.TeamNameTaken, "Another team of the leader's scoreboard has that name (ignoring case).");
    private static readonly DocumentedError TeamNotFound = new(404, LocalTeamErrorCodes.TeamNotFound, "No team of that id on the leader's scoreboard.");
    private static readonly DocumentedError ScoreOutOfRange = new(409, LocalTeamErrorCodes.ScoreOutOfRange, "A team's score would leave -1000000..1000000; nothing was applied.");
    private static readonly DocumentedError SubmissionNotFound = new(404, LocalTeamErrorCodes.SubmissionNotFound, "No such award, undo or reset of the leader's.");

    public static IEndpointRouteBuilder MapLocalTeamApi(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup("/api/v1/local-teams")
            .WithTags(DocumentInfoTransformer.LeaderApi)
            .RequiresScheme(SecuritySchemes.LeaderSession)
            .ProducesErrors(ApiErrors.LeaderSession);
        endpoints.MapGet("/api/v1/local-teams", ReadAsync)
            .WithTags(DocumentInfoTransformer.LeaderApi)
            .RequiresScheme(SecuritySchemes.LeaderSession)
            .ProducesErrors(ApiErrors.LeaderSession)
            .WithName("getLocalTeams")
            .WithSummary("The leader's local scoreboard: teams and scores")
            .WithDescription("Teams that are not OSM patrols, kept by the gateway (never sent to OSM): one scoreboard per leader, up to 20 teams, in the order shown.")
            .Produces<LocalTeamsView>();
        api.MapPost("/teams", CreateAsync)
            .WithName("createLocalTeam")
            .WithSummary("Add a team (score 0, shown last)")
            .WithBody<LocalTeamBody>(true, "application/json")
            .Produces<LocalTeamView>(StatusCodes.Status201Created)
            .ProducesErrors(InvalidBody, InvalidName, InvalidColour, NameTaken, ApiErrors.JsonRequired,
                new DocumentedError(409, LocalTeamErrorCodes.TooManyTeams, "The scoreboard already holds 20 teams: delete one first."));
        api.MapPatch("/teams/{teamId}", EditAsync)
            .WithName("updateLocalTeam")
            .WithSummary("Rename or recolour a team")
            .WithDescription("`{\"name\":\"Hawks\"}`, `{\"colour\":\"red\"}` or both; a field left out stays as it is.")
            .WithBody<LocalTeamBody>(true, "application/json")
            .Produces<LocalTeamView>()
            .ProducesErrors(InvalidBody, InvalidName, InvalidColour, NameTaken, TeamNotFound, ApiErrors.JsonRequired);
        api.MapDelete("/teams/{teamId}", DeleteAsync)
            .WithName("deleteLocalTeam")
            .WithSummary("Delete a team (its past changes stay in the history)")
            .Produces(StatusCodes.Status204NoContent)
            .ProducesErrors(TeamNotFound);
        api.MapPost("/awards", AwardAsync)
            .WithName("awardLocalTeams")
            .WithSummary("Award points to local teams, at once (idempotent)")
            .WithDescription("""
                `{"reason":"Tidy tents","changes":[{"team_id":"3f9a0c12de","delta":5}]}`: 1 to 20 teams, each once, deltas from
                -1000 to 1000 and not 0, under an `Idempotency-Key` (8 to 100 of `A-Z a-z 0-9 - _ .`) unique per leader. Applied at
                once in one transaction with each team's score before and after. The same key with the same payload (any order)
                answers the first award and applies nothing; with another payload it is 409.
                """)
            .WithMetadata(new DocumentedHeader(AwardEndpoints.IdempotencyKeyHeader, "The award's idempotency key: 8 to 100 of `A-Z a-z 0-9 - _ .`, unique per leader."))
            .WithBody<LocalAwardBody>(true, "application/json")
            .Produces<LocalSubmissionView>()
            .ProducesErrors(
                InvalidBody,
                new DocumentedError(400, AwardErrorCodes.InvalidIdempotencyKey, "The Idempotency-Key header is missing or not 8 to 100 of A-Z a-z 0-9 - _ ."),
                new DocumentedError(400, LocalTeamErrorCodes.InvalidChanges, "No change, more than 20, a team twice, or a delta of 0 or outside -1000..1000."),
                new DocumentedError(400, AwardErrorCodes.InvalidReason, "The reason is over 200 characters or holds control characters."),
                new DocumentedError(400, LocalTeamErrorCodes.UnknownTeam, "A team is not on the leader's scoreboard; nothing was applied."),
                new DocumentedError(409, AwardErrorCodes.IdempotencyKeyReused, "The leader used this Idempotency-Key for a different award."),
                ScoreOutOfRange,
                ApiErrors.JsonRequired);
        api.MapPost("/awards/{id}/undo", UndoAsync)
            .WithName("undoLocalAward")
            .WithSummary("Undo an award or a reset, once")
            .WithDescription("Applies the deltas reversed to the teams still on the scoreboard, recorded as an `undo` linked to it (`undo_of`). Send `{}`.")
            .WithBody<object>(false, "application/json")
            .Produces<LocalSubmissionView>()
            .ProducesErrors(SubmissionNotFound, ApiErrors.JsonRequired,
                new DocumentedError(409, LocalTeamErrorCodes.AlreadyUndone, "The submission was undone already."),
                new DocumentedError(409, LocalTeamErrorCodes.NothingToUndo, "The submission is an undo, or none of its teams is left."),
                ScoreOutOfRange);
        api.MapPost("/reset", ResetAsync)
            .WithName("resetLocalTeams")
            .WithSummary("Set every score to 0 (recorded in the history, audited)")
            .WithDescription("Send `{}`. The reset is a `reset` in the history with each team's score before; it can be undone like an award.")
            .WithBody<object>(false, "application/json")
            .Produces<LocalSubmissionView>()
            .ProducesErrors(ApiErrors.JsonRequired);
        api.MapGet("/history", HistoryAsync)
            .WithName("listLocalTeamHistory")
            .WithSummary("The leader's awards, undos and resets, newest first")
            .WithQuery(new DocumentedQuery("limit", "1 to 100 submissions (default 20).", QueryKind.Integer))
            .Produces<LocalHistoryView>()
            .ProducesErrors(ApiErrors.InvalidLimit);
        return endpoints;
    }

    private static async Task<IResult> ReadAsync(HttpContext context, LeaderSession session, LocalScoreboards boards) =>
        session.Read(context) is not { } leader
            ? LeaderSectionGate.SignInRequired()
            : Results.Json(LocalTeamsView.Of(await boards.ReadAsync(leader.UserId, context.RequestAborted)));

    private static async Task<IResult> CreateAsync(HttpContext context, LeaderSession session, LocalScoreboards boards)
    {
        if (Refusal(context, session) is { } refusal)
        {
            return refusal;
        }

        if (await ReadTeamAsync(context.Request) is not { Name: not null } body)
        {
            return BadBody("The body is {\"name\":\"Hawks\",\"colour\":\"red\"} (colour optional).");
        }

        var owner = session.Read(context)!.UserId;
        var outcome = await boards.CreateTeamAsync(owner, body.Name, body.Colour, Source(context), context.RequestAborted);
        var position = await PositionAsync(outcome, owner, boards, context.RequestAborted);
        return Answer(outcome, team => Results.Json(LocalTeamView.Of(team, position), statusCode: StatusCodes.Status201Created));
    }

    private static async Task<IResult> EditAsync(HttpContext context, string teamId, LeaderSession session, LocalScoreboards boards)
    {
        if (Refusal(context, session) is { } refusal)
        {
            return refusal;
        }

        if (await ReadTeamAsync(context.Request) is not { } body || (body.Name is null && body.Colour is null))
        {
            return BadBody("The body is {\"name\":\"Hawks\"}, {\"colour\":\"red\"} or both.");
        }

        var owner = session.Read(context)!.UserId;
        var outcome = await boards.EditTeamAsync(owner, teamId, body.Name, body.Colour, context.RequestAborted);
        var position = await PositionAsync(outcome, owner, boards, context.RequestAborted);
        return Answer(outcome, team => Results.Json(LocalTeamView.Of(team, position)));
    }

    private static async Task<IResult> DeleteAsync(HttpContext context, string teamId, LeaderSession session, LocalScoreboards boards)
    {
        if (session.Read(context) is not { } leader)
        {
            return LeaderSectionGate.SignInRequired();
        }

        return Answer(await boards.DeleteTeamAsync(leader.UserId, teamId, Source(context), context.RequestAborted), _ => Results.NoContent());
    }

    private static async Task<IResult> AwardAsync(HttpContext context, LeaderSession session, LocalScoreboards boards)
    {
        if (Refusal(context, session) is { } refusal)
        {
            return refusal;
        }

        if (await ReadAwardAsync(context.Request) is not { } body)
        {
            return BadBody("The body is {\"reason\":\"...\",\"changes\":[{\"team_id\":\"...\",\"delta\":5}]}.");
        }

        var request = new LocalAwardRequest(body.Changes, body.Reason, context.Request.Headers[AwardEndpoints.IdempotencyKeyHeader].ToString());
        return Answer(await boards.AwardAsync(session.Read(context)!.UserId, request, context.RequestAborted), s => Results.Json(LocalSubmissionView.Of(s)));
    }

    private static async Task<IResult> UndoAsync(HttpContext context, string id, LeaderSession session, LocalScoreboards boards) =>
        Refusal(context, session) ?? Answer(await boards.UndoAsync(session.Read(context)!.UserId, id, context.RequestAborted), s => Results.Json(LocalSubmissionView.Of(s)));

    private static async Task<IResult> ResetAsync(HttpContext context, LeaderSession session, LocalScoreboards boards) =>
        Refusal(context, session) ?? Results.Json(LocalSubmissionView.Of(await boards.ResetAsync(session.Read(context)!.UserId, Source(context), context.RequestAborted)));

    private static async Task<IResult> HistoryAsync(HttpContext context, LeaderSession session, LocalScoreboards boards)
    {
        if (session.Read(context) is not { } leader)
        {
            return LeaderSectionGate.SignInRequired();
        }

        var count = 20;
        if (context.Request.Query["limit"] is { Count: > 0 } limit
            && (!int.TryParse(limit.ToString(), NumberStyles.None, CultureInfo.InvariantCulture, out count) || count is < 1 or > 100))
        {
            return new ErrorResult(StatusCodes.Status400BadRequest, ErrorCodes.InvalidRequest, "limit is a whole number from 1 to 100.");
        }

        var history = await boards.HistoryAsync(leader.UserId, count, context.RequestAborted);
        return Results.Json(new LocalHistoryView([.. history.Select(h => LocalSubmissionView.Of(h.Submission, h.UndoneBy))]));
    }

    // A signed-in leader and a JSON body (the CSRF rule), or the answer refusing the request.
    private static ErrorResult? Refusal(HttpContext context, LeaderSession session) =>
        session.Read(context) is null ? LeaderSectionGate.SignInRequired()
        : !AwardEndpoints.IsJson(context.Request) ? AwardEndpoints.JsonRequired()
        : null;

    private static IResult Answer<T>(LocalOutcome<T> outcome, Func<T, IResult> done) => outcome switch
    {
        LocalOutcome<T>.Done { Value: var value } => done(value),
        LocalOutcome<T>.Refused { Problem: var problem, Message: var message } => new ErrorResult(problem.Status(), problem.Code(), message),
        _ => throw new InvalidOperationException(outcome.GetType().Name),
    };

    // Where a created or edited team is shown (1 = first), as GET /api/v1/local-teams numbers it; 0 when it was refused.
    private static async Task<int> PositionAsync(LocalOutcome<LocalTeam> outcome, long owner, LocalScoreboards boards, CancellationToken cancellationToken) =>
        outcome is LocalOutcome<LocalTeam>.Done { Value: var team }
            ? (await boards.ReadAsync(owner, cancellationToken)).Teams.Select(t => t.Id).ToList().IndexOf(team.Id) + 1
            : 0;

    private static ErrorResult BadBody(string message) => new(StatusCodes.Status400BadRequest, LocalTeamErrorCodes.InvalidBody, message);

    private static string? Source(HttpContext context) => context.Connection.RemoteIpAddress?.ToString();

    // {"name":"...","colour":"..."}, each optional and a string (or null); anything else is null (400), never a 500.
    private static async Task<LocalTeamBody?> ReadTeamAsync(HttpRequest request) =>
        await ReadObjectAsync(request, root =>
            OptionalString(root, "name", out var name) && OptionalString(root, "colour", out var colour) ? new LocalTeamBody(name, colour) : null);

    // {"reason":"...","changes":[{"team_id":"...","delta":N}]}: anything else is null (400).
    private static async Task<LocalAwardBody?> ReadAwardAsync(HttpRequest request) =>
        await ReadObjectAsync(request, root =>
        {
            if (!root.TryGetProperty("changes", out var changes) || changes.ValueKind != JsonValueKind.Array || !OptionalString(root, "reason", out var reason))
            {
                return null;
            }

            var deltas = new List<LocalTeamDelta>();
            foreach (var change in changes.EnumerateArray())
            {
                if (change.ValueKind != JsonValueKind.Object
                    || !OptionalString(change, "team_id", out var team) || team is not { Length: > 0 and <= 64 }
                    || !change.TryGetProperty("delta", out var delta) || delta.ValueKind != JsonValueKind.Number || !delta.TryGetInt32(out var points))
                {
                    return null;
                }

                deltas.Add(new LocalTeamDelta(team, points));
            }

            return new LocalAwardBody(reason, deltas);
        });

    private static async Task<T?> ReadObjectAsync<T>(HttpRequest request, Func<JsonElement, T?> read)
        where T : class
    {
        try
        {
            using var document = await JsonDocument.ParseAsync(request.Body, default, request.HttpContext.RequestAborted);
            return document.RootElement.ValueKind == JsonValueKind.Object ? read(document.RootElement) : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    // False when the property is there but neither a string nor null.
    private static bool OptionalString(JsonElement element, string name, out string? value)
    {
        value = null;
        if (!element.TryGetProperty(name, out var property) || property.ValueKind == JsonValueKind.Null)
        {
            return true;
        }

        value = property.ValueKind == JsonValueKind.String ? property.GetString() : null;
        return property.ValueKind == JsonValueKind.String;
    }
}
