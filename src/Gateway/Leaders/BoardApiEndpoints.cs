using System.Text.Json;
using PatrolScores.Gateway.ApiDocument;
using PatrolScores.Gateway.Awards;
using PatrolScores.Gateway.Errors;
using PatrolScores.Gateway.Storage.Records;

namespace PatrolScores.Gateway.Leaders;

/// <summary>
/// The leader's boards in the leader API (score entry's rules: the <c>ps_leader</c> session, POSTs as
/// <c>application/json</c>):
/// <list type="bullet">
/// <item><c>GET /api/v1/boards</c>: the leader's paired boards and what each shows (<see cref="LeaderBoardsView"/>).</item>
/// <item><c>POST /api/v1/boards/{deviceId}/move</c>, <c>{"section_id":10002}</c> or <c>{"local_teams":true}</c>: point one of
/// them at another of the leader's sections or at their local teams, without pairing again (<see cref="BoardMoves"/>).</item>
/// </list>
/// </summary>
internal static class BoardApiEndpoints
{
    /// <summary>400: the move's body is neither <c>{"section_id":N}</c> nor <c>{"local_teams":true}</c>.</summary>
    public const string InvalidMove = "invalid_move";

    public static IEndpointRouteBuilder MapBoardApi(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup("/api/v1")
            .WithTags(DocumentInfoTransformer.LeaderApi)
            .RequiresScheme(SecuritySchemes.LeaderSession)
            .ProducesErrors(ApiErrors.LeaderSession);
        api.MapGet("/boards", ListAsync)
            .WithName("listLeaderBoards")
            .WithSummary("The signed-in leader's boards and what each shows")
            .Produces<LeaderBoardsView>();
        api.MapPost("/boards/{deviceId}/move", MoveAsync)
            .WithName("moveBoard")
            .WithSummary("Point one of the leader's boards at another of their sections, or at their local teams")
            .WithDescription("""
                `{"section_id":10002}` or `{"local_teams":true}`. The board keeps its token (no new pairing). The new section's
                scores are fetched first (as the board's leader, their quota), then every replica forgets the board's old target and
                its live connections are told (WebSocket `refresh-scores`, `reconnect`, then `disconnect` "moved to another scoreboard";
                a stream's `event: reconnect`). The old section's boards are not touched. Answers the board as it now is.
                """)
            .WithBody<BoardMoveBody>(true, "application/json")
            .Produces<LeaderBoardView>()
            .ProducesErrors(
                new DocumentedError(400, InvalidMove, "The body is neither {\"section_id\":N} nor {\"local_teams\":true}."),
                new DocumentedError(403, Countdowns.CountdownErrorCodes.NotYourBoard, "Not one of the leader's own boards; the attempt is audited."),
                ApiErrors.SectionForbidden,
                new DocumentedError(409, ErrorCodes.NotInTerm, "OSM says the section has no current term: the board would show nothing; nothing was changed."),
                ApiErrors.JsonRequired);
        return endpoints;
    }

    private static async Task<IResult> ListAsync(HttpContext context, LeaderSession session, IDeviceStore devices)
    {
        if (session.Read(context) is not { } leader)
        {
            return LeaderSectionGate.SignInRequired();
        }

        var boards = await devices.ListByUserAsync(leader.UserId, context.RequestAborted);
        return Results.Json(new LeaderBoardsView([.. boards.Where(d => d.RevokedAt is null).Select(d => LeaderBoardView.Of(d, leader))]));
    }

    private static async Task<IResult> MoveAsync(HttpContext context, string deviceId, LeaderSession session, BoardMoves moves)
    {
        if (!AwardEndpoints.IsJson(context.Request))
        {
            return AwardEndpoints.JsonRequired();
        }

        if (session.Read(context) is not { } leader)
        {
            return LeaderSectionGate.SignInRequired();
        }

        if (await ReadTargetAsync(context.Request) is not { } target)
        {
            return new ErrorResult(StatusCodes.Status400BadRequest, InvalidMove, "The body is {\"section_id\":N} or {\"local_teams\":true}.");
        }

        var outcome = await moves.PointAsync(leader, deviceId, target, context.Connection.RemoteIpAddress?.ToString(), context.RequestAborted);
        return outcome switch
        {
            BoardMoveOutcome.Moved moved => Results.Json(LeaderBoardView.Of(moved.Device, leader)),
            BoardMoveOutcome.Unchanged unchanged => Results.Json(LeaderBoardView.Of(unchanged.Device, leader)),
            BoardMoveOutcome.SectionNotAllowed => LeaderSectionGate.Forbidden(),
            BoardMoveOutcome.NotInTerm => new ErrorResult(StatusCodes.Status409Conflict, ErrorCodes.NotInTerm, "OSM says this section has no current term; the board was not moved."),
            _ => new ErrorResult(StatusCodes.Status403Forbidden, Countdowns.CountdownErrorCodes.NotYourBoard, "That board is not one of your boards."),
        };
    }

    private static async Task<BoardTarget?> ReadTargetAsync(HttpRequest request)
    {
        try
        {
            using var document = await JsonDocument.ParseAsync(request.Body, default, request.HttpContext.RequestAborted);
            return BoardMoveBody.TargetOf(document.RootElement);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}

/// <summary>The body of <c>POST /api/v1/boards/{deviceId}/move</c>: exactly one of the two.</summary>
/// <param name="SectionId">One of the leader's OSM sections: the board shows its patrols.</param>
/// <param name="LocalTeams"><c>true</c>: the board shows the leader's local teams.</param>
public sealed record BoardMoveBody(long? SectionId, bool? LocalTeams)
{
    /// <summary>The target a body names, or null when it is not exactly <c>{"section_id":N}</c> (N ≥ 1) or <c>{"local_teams":true}</c>.</summary>
    internal static BoardTarget? TargetOf(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        var hasSection = root.TryGetProperty("section_id", out var section);
        var hasLocal = root.TryGetProperty("local_teams", out var local);
        if (hasSection == hasLocal)
        {
            return null;
        }

        if (hasLocal)
        {
            return local.ValueKind == JsonValueKind.True ? BoardTarget.LocalTeams.Instance : null;
        }

        return section.ValueKind == JsonValueKind.Number && section.TryGetInt64(out var id) && id > 0 ? new BoardTarget.Section(id) : null;
    }
}

/// <summary>The leader's boards.</summary>
public sealed record LeaderBoardsView(IReadOnlyList<LeaderBoardView> Boards);

/// <summary>One of the leader's boards.</summary>
/// <param name="Id">The device id (as in <c>/devices</c> and a countdown's <c>device_id</c>).</param>
/// <param name="Name">The board's name.</param>
/// <param name="Shows"><c>section</c> (the patrols of <paramref name="SectionId"/>) or <c>local_teams</c>.</param>
/// <param name="SectionId">The section it shows (or goes back to from local teams); null when it has none.</param>
/// <param name="SectionName">That section's name in the leader's profile, when known.</param>
/// <param name="LastUsedAt">When it last asked for scores (UTC), or null.</param>
public sealed record LeaderBoardView(string Id, string Name, string Shows, long? SectionId, string? SectionName, DateTimeOffset? LastUsedAt)
{
    internal static LeaderBoardView Of(DeviceRecord device, LeaderIdentity leader) => new(
        device.Id,
        device.Name,
        device.ShowsLocalTeams ? "local_teams" : "section",
        device.SectionId,
        device.SectionId is { } id && leader.Sections.TryGetValue(id, out var name) ? name : null,
        device.LastUsedAt);
}
