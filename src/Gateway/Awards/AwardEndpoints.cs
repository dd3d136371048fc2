using System.Globalization;
using System.Text.Json;
using PatrolScores.Gateway.ApiDocument;
using PatrolScores.Gateway.Errors;
using PatrolScores.Gateway.Leaders;

namespace PatrolScores.Gateway.Awards;

/// <summary>
/// Score entry's JSON API for a signed-in leader (the <c>ps_leader</c> cookie of <c>/scores</c> and <c>/devices</c>), with
/// the page's rules (<c>docs/leader-api.md</c>):
/// <list type="bullet">
/// <item><c>GET /api/v1/sections</c>: the leader's sections.</item>
/// <item><c>GET /api/v1/sections/{sectionId}/patrols</c>: its patrols and points (fetched as the leader when expired).</item>
/// <item><c>POST /api/v1/sections/{sectionId}/awards</c>, header <c>Idempotency-Key</c>: award points; 200 when settled,
/// 202 while some patrol is queued (OSM said no: its <c>not_before</c>), the first answer again for a replayed key, 409 for
/// the key with another payload.</item>
/// <item><c>GET /api/v1/sections/{sectionId}/awards?limit=</c>: the history, newest first; <c>GET /api/v1/awards/{id}</c>: one.</item>
/// <item><c>POST /api/v1/awards/{id}/undo</c>: a compensating submission, once per submission.</item>
/// </list>
/// A section outside the leader's OSM profile is 403 <c>section_not_allowed</c> and audited. POSTs must be
/// <c>application/json</c> (415 <c>json_required</c>): with the cookie's SameSite=Lax, a cross-site page can then neither
/// send the cookie on a form post nor send JSON without a CORS preflight this gateway never grants (CSRF).
/// </summary>
internal static class AwardEndpoints
{
    public const string IdempotencyKeyHeader = "Idempotency-Key";

    public static IEndpointRouteBuilder MapAwardApi(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup("/api/v1")
            .WithTags(DocumentInfoTransformer.LeaderApi)
            .RequiresScheme(SecuritySchemes.LeaderSession)
            .ProducesErrors(ApiErrors.LeaderSession);
        api.MapGet("/sections", ListSections)
            .WithName("listLeaderSections")
            .WithSummary("The signed-in leader's sections")
            .Produces<LeaderSectionsView>();
        api.MapGet("/sections/{sectionId}/patrols", GetPatrolsAsync)
            .WithName("getSectionPatrols")
            .WithSummary("A section's patrols and points")
            .WithDescription("Read through the gateway's cache; an expired copy is fetched from OSM as this leader (their quota). When OSM says no, the last copy held is shown with `fresh: false`.")
            .Produces<SectionScoresView>()
            .ProducesErrors([ApiErrors.InvalidSectionId, ApiErrors.SectionForbidden, ApiErrors.NoScoresYet]);
        api.MapPost("/sections/{sectionId}/awards", AwardAsync)
            .WithName("awardPoints")
            .WithSummary("Award points to patrols (idempotent)")
            .WithDescription("""
                One submission: a delta per patrol and an optional reason, under an `Idempotency-Key` (8 to 100 of
                `A-Z a-z 0-9 - _ .`, draft-ietf-httpapi-idempotency-key-header) unique per leader. The gateway stores it before
                anything is sent, then applies it patrol by patrol under a lock shared by all replicas: it reads OSM's points,
                adds the delta, writes the total (`updatePatrolPoints`) and reads back, which refreshes the section's copy and
                tells its boards. 200 when every patrol is settled (`applied` or `failed`, with a `failure` code), 202 while some
                wait in the durable queue because OSM said no (a block, the leader's hourly limit, no answer): each says
                `not_before`. The same key again answers the submission as it stands and applies nothing; with another payload
                it is 409.
                """)
            .WithMetadata(new DocumentedHeader(IdempotencyKeyHeader, "The submission's idempotency key: 8 to 100 of `A-Z a-z 0-9 - _ .`, unique per leader."))
            .WithBody<AwardRequestBody>(true, "application/json")
            .Produces<AwardSubmissionView>()
            .Produces<AwardSubmissionView>(StatusCodes.Status202Accepted)
            .ProducesErrors([.. ApiErrors.AwardSubmission, ApiErrors.InvalidSectionId, ApiErrors.SectionForbidden]);
        api.MapGet("/sections/{sectionId}/awards", HistoryAsync)
            .WithName("listAwards")
            .WithSummary("A section's score entry history, newest first")
            .WithQuery(new DocumentedQuery("limit", "1 to 100 submissions (default 20).", QueryKind.Integer))
            .Produces<AwardHistoryView>()
            .ProducesErrors([ApiErrors.InvalidSectionId, ApiErrors.InvalidLimit, ApiErrors.SectionForbidden]);
        api.MapGet("/awards/{id}", GetAsync)
            .WithName("getAward")
            .WithSummary("One submission as it stands (poll a 202 here)")
            .Produces<AwardSubmissionView>()
            .ProducesErrors(ApiErrors.SubmissionNotFound);
        api.MapPost("/awards/{id}/undo", UndoAsync)
            .WithName("undoAward")
            .WithSummary("Undo a submission with a compensating one")
            .WithDescription("The applied deltas reversed, as a new submission (`undo_of`), applied like any other; once per submission (again: the same undo is answered). 409 while the submission has patrols waiting, or when nothing of it was applied or it is itself an undo.")
            .WithBody<object>(false, "application/json")
            .Produces<AwardSubmissionView>()
            .Produces<AwardSubmissionView>(StatusCodes.Status202Accepted)
            .ProducesErrors([ApiErrors.SubmissionNotFound, ApiErrors.SectionForbidden, ApiErrors.JsonRequired, .. ApiErrors.UndoConflicts]);
        return endpoints;
    }

    private static IResult ListSections(HttpContext context, LeaderSession session) =>
        session.Read(context) is not { } leader
            ? LeaderSectionGate.SignInRequired()
            : Ok(new LeaderSectionsView(leader.UserId, leader.DisplayName, [.. leader.Sections.OrderBy(s => s.Value, StringComparer.Ordinal).Select(s => new LeaderSectionView(s.Key, s.Value))]));

    private static async Task<IResult> GetPatrolsAsync(HttpContext context, string sectionId, AwardSubmissions submissions, LeaderSectionGate gate)
    {
        var access = await gate.CheckAsync(context, sectionId, "read");
        if (access is not { Leader: { } leader, SectionId: var section })
        {
            return LeaderSectionGate.Refusal(access);
        }

        if (await submissions.CurrentAsync(leader.UserId, section, context.RequestAborted) is not { } copy)
        {
            return new ErrorResult(StatusCodes.Status503ServiceUnavailable, AwardErrorCodes.NoScoresYet, "OSM could not be asked for this section's points and no copy is held yet; try again later.", TimeSpan.FromMinutes(1));
        }

        return Ok(new SectionScoresView(section, leader.Sections[section], WireTime.Format(copy.CachedAt), copy.Fresh,
            [.. copy.Points.Patrols.Select(p => new SectionPatrolView(p.Id, p.Name, p.Points))]));
    }

    private static async Task<IResult> AwardAsync(HttpContext context, string sectionId, AwardSubmissions submissions, LeaderSectionGate gate)
    {
        if (!IsJson(context.Request))
        {
            return JsonRequired();
        }

        var access = await gate.CheckAsync(context, sectionId, "award");
        if (access is not { Leader: { } leader, SectionId: var section })
        {
            return LeaderSectionGate.Refusal(access);
        }

        if (await ReadBodyAsync(context.Request) is not { } body)
        {
            return new ErrorResult(StatusCodes.Status400BadRequest, AwardErrorCodes.InvalidAwards, "The body is a JSON object: {\"awards\":[{\"patrol_id\":72699,\"delta\":5}],\"reason\":\"...\"}.");
        }

        var request = new AwardRequest(section, body.Awards, body.Reason, context.Request.Headers[IdempotencyKeyHeader].ToString());
        return Answer(await submissions.SubmitAsync(leader, request, Source(context), context.RequestAborted));
    }

    private static async Task<IResult> HistoryAsync(HttpContext context, string sectionId, AwardSubmissions submissions, LeaderSectionGate gate)
    {
        var limit = context.Request.Query["limit"] is { Count: > 0 } values ? values.ToString() : null;
        var count = 20;
        if (limit is not null && (!int.TryParse(limit, NumberStyles.None, CultureInfo.InvariantCulture, out count) || count is < 1 or > 100))
        {
            return new ErrorResult(StatusCodes.Status400BadRequest, ErrorCodes.InvalidRequest, "limit is a whole number from 1 to 100.");
        }

        var access = await gate.CheckAsync(context, sectionId, "history");
        if (access is not { Leader: not null, SectionId: var section })
        {
            return LeaderSectionGate.Refusal(access);
        }

        var history = await submissions.HistoryAsync(section, count, context.RequestAborted);
        return Ok(new AwardHistoryView(section, [.. history.Select(h => AwardSubmissionView.Of(h.Submission, h.UndoneBy))]));
    }

    private static async Task<IResult> GetAsync(HttpContext context, string id, LeaderSession session, AwardSubmissions submissions)
    {
        if (session.Read(context) is not { } leader)
        {
            return LeaderSectionGate.SignInRequired();
        }

        return await submissions.GetAsync(leader, id, context.RequestAborted) is { } submission
            ? Ok(AwardSubmissionView.Of(submission, await submissions.UndoneByAsync(submission.Id, context.RequestAborted)))
            : SubmissionNotFound();
    }

    private static async Task<IResult> UndoAsync(HttpContext context, string id, LeaderSession session, AwardSubmissions submissions)
    {
        if (session.Read(context) is not { } leader)
        {
            return LeaderSectionGate.SignInRequired();
        }

        if (!IsJson(context.Request))
        {
            return JsonRequired();
        }

        return Answer(await submissions.UndoAsync(leader, id, Source(context), context.RequestAborted));
    }

    // A fresh submission or undo has no undo yet; a replay answers the submission as it stands (its undo shows in GET).
    private static IResult Answer(SubmitOutcome outcome) => outcome switch
    {
        SubmitOutcome.Accepted { Submission: var submission } => Results.Json(
            AwardSubmissionView.Of(submission, undoneBy: null),
            statusCode: submission.IsOpen ? StatusCodes.Status202Accepted : StatusCodes.Status200OK),
        SubmitOutcome.Forbidden => SectionForbidden(),
        SubmitOutcome.NotFound => SubmissionNotFound(),
        SubmitOutcome.Invalid invalid => new ErrorResult(StatusCodes.Status400BadRequest, invalid.Code, invalid.Message),
        SubmitOutcome.Conflict conflict => new ErrorResult(StatusCodes.Status409Conflict, conflict.Code, conflict.Message),
        _ => throw new InvalidOperationException(outcome.GetType().Name),
    };

    // Reads {"awards":[{"patrol_id":N,"delta":N}],"reason":"..."} strictly: anything else is null (400), never a 500.
    private static async Task<AwardRequestBody?> ReadBodyAsync(HttpRequest request)
    {
        try
        {
            using var document = await JsonDocument.ParseAsync(request.Body, default, request.HttpContext.RequestAborted);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("awards", out var awards) || awards.ValueKind != JsonValueKind.Array)
            {
                return null;
            }

            var deltas = new List<PatrolDelta>();
            foreach (var award in awards.EnumerateArray())
            {
                if (award.ValueKind != JsonValueKind.Object
                    || !award.TryGetProperty("patrol_id", out var patrol) || patrol.ValueKind != JsonValueKind.Number || !patrol.TryGetInt64(out var patrolId)
                    || !award.TryGetProperty("delta", out var delta) || delta.ValueKind != JsonValueKind.Number || !delta.TryGetInt32(out var points))
                {
                    return null;
                }

                deltas.Add(new PatrolDelta(patrolId, points));
            }

            string? reason = null;
            if (root.TryGetProperty("reason", out var why) && why.ValueKind != JsonValueKind.Null)
            {
                if (why.ValueKind != JsonValueKind.String)
                {
                    return null;
                }

                reason = why.GetString();
            }

            return new AwardRequestBody(deltas, reason);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>Whether the request's media type is <c>application/json</c> (parameters aside): the leader API's CSRF rule.</summary>
    internal static bool IsJson(HttpRequest request) =>
        request.ContentType is { } type && type.Split(';')[0].Trim().Equals("application/json", StringComparison.OrdinalIgnoreCase);

    private static string? Source(HttpContext context) => context.Connection.RemoteIpAddress?.ToString();

    private static IResult Ok<T>(T value) => Results.Json(value);

    private static ErrorResult SectionForbidden() => LeaderSectionGate.Forbidden();

    private static ErrorResult SubmissionNotFound() =>
        new(StatusCodes.Status404NotFound, AwardErrorCodes.SubmissionNotFound, "No such submission in your sections.");

    /// <summary>415 <c>json_required</c>: a leader API POST that is not <see cref="IsJson"/>.</summary>
    internal static ErrorResult JsonRequired() =>
        new(StatusCodes.Status415UnsupportedMediaType, AwardErrorCodes.JsonRequired, "Send the request as application/json.");
}
