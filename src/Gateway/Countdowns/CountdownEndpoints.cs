using System.Text.Json;
using PatrolScores.Gateway.ApiDocument;
using PatrolScores.Gateway.Awards;
using PatrolScores.Gateway.Errors;
using PatrolScores.Gateway.Storage.Records;

namespace PatrolScores.Gateway.Countdowns;

/// <summary>
/// The leader's countdown API, with the score entry API's rules (<see cref="LeaderSectionGate"/>: signed in, own section;
/// POSTs as <c>application/json</c>):
/// <list type="bullet">
/// <item><c>GET /api/v1/sections/{sectionId}/countdown</c>: the section's countdown and each board's own.</item>
/// <item><c>POST /api/v1/sections/{sectionId}/countdown</c>, <c>{"action":"start","duration_seconds":60}</c> (every board of
/// the section) or with <c>"device_id"</c> (one of the leader's own boards there): start, pause, resume or reset.</item>
/// </list>
/// </summary>
internal static class CountdownEndpoints
{
    public static IEndpointRouteBuilder MapCountdownApi(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup("/api/v1/sections/{sectionId}")
            .WithTags(DocumentInfoTransformer.LeaderApi)
            .RequiresScheme(SecuritySchemes.LeaderSession)
            .ProducesErrors(ApiErrors.LeaderSession, ApiErrors.InvalidSectionId, ApiErrors.SectionForbidden);
        api.MapGet("/countdown", GetAsync)
            .WithName("getCountdowns")
            .WithSummary("The section's countdown and its boards' own")
            .Produces<CountdownsView>();
        api.MapPost("/countdown", PostAsync)
            .WithName("changeCountdown")
            .WithSummary("Start, pause, resume or reset a countdown on the section's boards or one board")
            .WithDescription("""
                `{"action":"start","duration_seconds":60}` starts a countdown on every board of the section (it takes over boards'
                own countdowns there); with `"device_id"` it is one of the leader's own boards of the section only. Boards are told
                at once, on every replica, with the field boards' messages (`timer-start` with `duration` in seconds,
                `timer-pause`, `timer-resume`, `timer-reset`) and a stream's `timer` event; a board that connects later is told the
                time left. Answers the countdown as it now stands.
                """)
            .WithBody<CountdownRequestBody>(true, "application/json")
            .Produces<CountdownView>()
            .ProducesErrors(
                new DocumentedError(400, CountdownErrorCodes.InvalidCountdown, "The body is not {\"action\":\"start|pause|resume|reset\",\"duration_seconds\":N,\"device_id\":\"...\"}."),
                new DocumentedError(400, CountdownErrorCodes.InvalidDuration, "A start's duration_seconds is not 1 to 86400."),
                new DocumentedError(403, CountdownErrorCodes.NotYourBoard, "device_id is not one of the leader's own boards of this section; the attempt is audited."),
                new DocumentedError(409, CountdownErrorCodes.NothingToChange, "Nothing to pause (no countdown running) or to resume (none paused)."),
                ApiErrors.JsonRequired);

        // The same for the leader's local teams: every board of theirs showing them, or one.
        var local = endpoints.MapGroup("/api/v1/local-teams")
            .WithTags(DocumentInfoTransformer.LeaderApi)
            .RequiresScheme(SecuritySchemes.LeaderSession)
            .ProducesErrors(ApiErrors.LeaderSession);
        local.MapGet("/countdown", GetLocalAsync)
            .WithName("getLocalTeamsCountdowns")
            .WithSummary("The countdown of the leader's boards showing local teams, and those boards' own")
            .Produces<CountdownsView>();
        local.MapPost("/countdown", PostLocalAsync)
            .WithName("changeLocalTeamsCountdown")
            .WithSummary("Start, pause, resume or reset a countdown on the leader's boards showing local teams, or one of them")
            .WithDescription("""
                As `POST /api/v1/sections/{sectionId}/countdown`, for every board of the leader's that shows their local teams (or,
                with `"device_id"`, one of them). Boards are told at once on every replica with the field boards' timer messages.
                """)
            .WithBody<CountdownRequestBody>(true, "application/json")
            .Produces<CountdownView>()
            .ProducesErrors(
                new DocumentedError(400, CountdownErrorCodes.InvalidCountdown, "The body is not {\"action\":\"start|pause|resume|reset\",\"duration_seconds\":N,\"device_id\":\"...\"}."),
                new DocumentedError(400, CountdownErrorCodes.InvalidDuration, "A start's duration_seconds is not 1 to 86400."),
                new DocumentedError(403, CountdownErrorCodes.NotYourBoard, "device_id is not one of the leader's own boards showing local teams; the attempt is audited."),
                new DocumentedError(409, CountdownErrorCodes.NothingToChange, "Nothing to pause (no countdown running) or to resume (none paused)."),
                ApiErrors.JsonRequired);
        return endpoints;
    }

    private static async Task<IResult> GetAsync(HttpContext context, string sectionId, LeaderSectionGate gate, BoardCountdowns countdowns, TimeProvider time)
    {
        var access = await gate.CheckAsync(context, sectionId, "countdown");
        if (access is not { Leader: not null, SectionId: var section })
        {
            return LeaderSectionGate.Refusal(access);
        }

        return await ListAsync(context, section, countdowns, time);
    }

    private static async Task<IResult> GetLocalAsync(HttpContext context, Leaders.LeaderSession session, BoardCountdowns countdowns, TimeProvider time) =>
        session.Read(context) is { } leader
            ? await ListAsync(context, LocalTeams.LocalBoards.Channel(leader.UserId), countdowns, time)
            : LeaderSectionGate.SignInRequired();

    private static async Task<IResult> ListAsync(HttpContext context, long section, BoardCountdowns countdowns, TimeProvider time)
    {
        var all = await countdowns.ListAsync(section, context.RequestAborted);
        var now = time.GetUtcNow();
        return Results.Json(new CountdownsView(
            CountdownView.Of(all.FirstOrDefault(c => c.DeviceId is null), now),
            [.. all.Where(c => c.DeviceId is not null).Select(c => new BoardCountdownView(c.DeviceId!, CountdownView.Of(c, now)))]));
    }

    private static async Task<IResult> PostAsync(HttpContext context, string sectionId, LeaderSectionGate gate, BoardCountdowns countdowns, TimeProvider time)
    {
        if (!AwardEndpoints.IsJson(context.Request))
        {
            return AwardEndpoints.JsonRequired();
        }

        var access = await gate.CheckAsync(context, sectionId, "countdown");
        if (access is not { Leader: { } leader, SectionId: var section })
        {
            return LeaderSectionGate.Refusal(access);
        }

        return await ChangeAsync(context, leader, section, countdowns, time);
    }

    private static async Task<IResult> PostLocalAsync(HttpContext context, Leaders.LeaderSession session, BoardCountdowns countdowns, TimeProvider time)
    {
        if (!AwardEndpoints.IsJson(context.Request))
        {
            return AwardEndpoints.JsonRequired();
        }

        return session.Read(context) is { } leader
            ? await ChangeAsync(context, leader, LocalTeams.LocalBoards.Channel(leader.UserId), countdowns, time)
            : LeaderSectionGate.SignInRequired();
    }

    private static async Task<IResult> ChangeAsync(HttpContext context, Leaders.LeaderIdentity leader, long section, BoardCountdowns countdowns, TimeProvider time)
    {
        if (await ReadAsync(context.Request) is not { } body || !CountdownActions.TryParse(body.Action, out var action))
        {
            return new ErrorResult(StatusCodes.Status400BadRequest, CountdownErrorCodes.InvalidCountdown, "The body is {\"action\":\"start|pause|resume|reset\",\"duration_seconds\":N,\"device_id\":\"...\"}.");
        }

        var outcome = await countdowns.ApplyAsync(leader, section, body.DeviceId, action, TimeSpan.FromSeconds(body.DurationSeconds ?? 0), context.Connection.RemoteIpAddress?.ToString(), context.RequestAborted);
        return Answer(outcome, time.GetUtcNow());
    }

    internal static IResult Answer(CountdownOutcome outcome, DateTimeOffset now) => outcome switch
    {
        CountdownOutcome.Applied applied => Results.Json(CountdownView.Of(applied.Countdown, now)),
        CountdownOutcome.NotYourBoard => new ErrorResult(StatusCodes.Status403Forbidden, CountdownErrorCodes.NotYourBoard, "That board is not one of your boards showing these scores."),
        CountdownOutcome.Refused { Code: CountdownErrorCodes.InvalidDuration } refused => new ErrorResult(StatusCodes.Status400BadRequest, refused.Code, refused.Message),
        CountdownOutcome.Refused refused => new ErrorResult(StatusCodes.Status409Conflict, refused.Code, refused.Message),
        _ => throw new InvalidOperationException(outcome.GetType().Name),
    };

    private static async Task<CountdownRequestBody?> ReadAsync(HttpRequest request)
    {
        try
        {
            using var document = await JsonDocument.ParseAsync(request.Body, default, request.HttpContext.RequestAborted);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("action", out var action) || action.ValueKind != JsonValueKind.String)
            {
                return null;
            }

            long? duration = null;
            if (root.TryGetProperty("duration_seconds", out var seconds) && seconds.ValueKind != JsonValueKind.Null)
            {
                if (seconds.ValueKind != JsonValueKind.Number || !seconds.TryGetInt64(out var value))
                {
                    return null;
                }

                duration = Math.Clamp(value, -1, (long)CountdownRules.MaxDuration.TotalSeconds + 1);
            }

            string? device = null;
            if (root.TryGetProperty("device_id", out var id) && id.ValueKind != JsonValueKind.Null)
            {
                if (id.ValueKind != JsonValueKind.String || id.GetString() is not { Length: > 0 and <= 64 } text)
                {
                    return null;
                }

                device = text;
            }

            return new CountdownRequestBody(action.GetString()!, duration, device);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}

/// <summary>The body of <c>POST /api/v1/sections/{sectionId}/countdown</c>.</summary>
/// <param name="Action"><c>start</c>, <c>pause</c>, <c>resume</c> or <c>reset</c>.</param>
/// <param name="DurationSeconds">For a start: 1 to 86,400.</param>
/// <param name="DeviceId">One of the leader's own boards of the section; absent: every board of the section.</param>
public sealed record CountdownRequestBody(string Action, long? DurationSeconds, string? DeviceId);

/// <summary>A section's countdown and its boards' own.</summary>
public sealed record CountdownsView(CountdownView Section, IReadOnlyList<BoardCountdownView> Boards);

/// <summary>One board's own countdown.</summary>
public sealed record BoardCountdownView(string DeviceId, CountdownView Countdown);
