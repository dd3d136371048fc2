using System.Globalization;
using System.Text.Json;
using PatrolScores.Gateway.ApiDocument;
using PatrolScores.Gateway.Awards;
using PatrolScores.Gateway.Errors;
using PatrolScores.Gateway.Patrols;

namespace PatrolScores.Gateway.Colours;

/// <summary>
/// A section's patrol colours in the leader API (score entry's rules, <see cref="LeaderSectionGate"/>: signed in, own
/// section; POSTs as <c>application/json</c>):
/// <list type="bullet">
/// <item><c>GET /api/v1/sections/{sectionId}/colours</c>: <c>{"patrol_colors":{"72699":"red"}}</c>.</item>
/// <item><c>POST /api/v1/sections/{sectionId}/colours</c> with the patrols to change (<c>""</c> removes one's colour): stored,
/// then every board of the section is told (<see cref="SectionColours"/>) and gets them as <c>settings.patrolColors</c>.</item>
/// </list>
/// </summary>
internal static class ColourEndpoints
{
    /// <summary>400: the body is not <c>{"patrol_colors":{"&lt;patrol id&gt;":"&lt;colour&gt;"}}</c> with 1 to 30 patrols and known colour names.</summary>
    public const string InvalidColours = "invalid_colours";

    /// <summary>At most this many patrols in one change (as a score entry submission).</summary>
    public const int MaxPatrols = 30;

    public static IEndpointRouteBuilder MapColourApi(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup("/api/v1/sections/{sectionId}")
            .WithTags(DocumentInfoTransformer.LeaderApi)
            .RequiresScheme(SecuritySchemes.LeaderSession)
            .ProducesErrors(ApiErrors.LeaderSession, ApiErrors.InvalidSectionId, ApiErrors.SectionForbidden);
        api.MapGet("/colours", GetAsync)
            .WithName("getPatrolColours")
            .WithSummary("The section's patrol colours")
            .Produces<PatrolColoursView>();
        api.MapPost("/colours", PostAsync)
            .WithName("setPatrolColours")
            .WithSummary("Set some of the section's patrol colours; its boards are told at once")
            .WithDescription("""
                `{"patrol_colors":{"72699":"red","72700":""}}`: 1 to 30 patrols of the section, each to one of the names boards
                know (`red`, `green`, `blue`, `yellow`, `cyan`, `magenta`, `orange`, `white`) or `""` for none; other patrols keep
                theirs. Stored, then every replica drops what it held and the section's boards are told (WebSocket
                `refresh-scores`; a stream sends the body again); every poll's body then carries `settings.patrolColors`.
                Answers all the section's colours. Audited (`colours.changed`).
                """)
            .WithBody<PatrolColoursView>(true, "application/json")
            .Produces<PatrolColoursView>()
            .ProducesErrors(
                new DocumentedError(400, InvalidColours, "The body is not {\"patrol_colors\":{\"<patrol id>\":\"<colour>\"}} with 1 to 30 patrols and known colour names."),
                new DocumentedError(400, AwardErrorCodes.UnknownPatrol, "A patrol is not one the section's current copy shows."),
                ApiErrors.JsonRequired);
        return endpoints;
    }

    private static async Task<IResult> GetAsync(HttpContext context, string sectionId, LeaderSectionGate gate, SectionColours colours)
    {
        var access = await gate.CheckAsync(context, sectionId, "colours");
        if (access is not { Leader: not null, SectionId: var section })
        {
            return LeaderSectionGate.Refusal(access);
        }

        return Results.Json(PatrolColoursView.Of(await colours.GetAsync(section, context.RequestAborted)));
    }

    private static async Task<IResult> PostAsync(HttpContext context, string sectionId, LeaderSectionGate gate, SectionColours colours, AwardSubmissions submissions)
    {
        if (!AwardEndpoints.IsJson(context.Request))
        {
            return AwardEndpoints.JsonRequired();
        }

        var access = await gate.CheckAsync(context, sectionId, "colours");
        if (access is not { Leader: { } leader, SectionId: var section })
        {
            return LeaderSectionGate.Refusal(access);
        }

        if (await ReadAsync(context.Request) is not { } changes)
        {
            return new ErrorResult(StatusCodes.Status400BadRequest, InvalidColours, "The body is {\"patrol_colors\":{\"<patrol id>\":\"red|green|blue|yellow|cyan|magenta|orange|white|\"}} with 1 to 30 patrols.");
        }

        return await ChangeAsync(context, leader, section, changes, colours, submissions) is { } refusal
            ? refusal
            : Results.Json(PatrolColoursView.Of(await colours.GetAsync(section, context.RequestAborted)));
    }

    /// <summary>Checks the patrols against the section's current copy (when there is one) and applies; an error, or null when applied.</summary>
    internal static async Task<ErrorResult?> ChangeAsync(
        HttpContext context, Leaders.LeaderIdentity leader, long section, IReadOnlyDictionary<long, string> changes, SectionColours colours, AwardSubmissions submissions)
    {
        if (await submissions.CurrentAsync(leader.UserId, section, context.RequestAborted) is { Points: var points }
            && changes.Keys.FirstOrDefault(id => !points.TryGet(id, out _)) is var unknown and not 0)
        {
            return new ErrorResult(StatusCodes.Status400BadRequest, AwardErrorCodes.UnknownPatrol, $"Patrol {unknown} is not one of this section's patrols.");
        }

        await colours.SetAsync(leader, section, changes, context.Connection.RemoteIpAddress?.ToString(), context.RequestAborted);
        return null;
    }

    private static async Task<IReadOnlyDictionary<long, string>?> ReadAsync(HttpRequest request)
    {
        try
        {
            using var document = await JsonDocument.ParseAsync(request.Body, default, request.HttpContext.RequestAborted);
            if (document.RootElement.ValueKind != JsonValueKind.Object
                || !document.RootElement.TryGetProperty("patrol_colors", out var map)
                || map.ValueKind != JsonValueKind.Object)
            {
                return null;
            }

            var changes = new Dictionary<long, string>();
            foreach (var entry in map.EnumerateObject())
            {
                if (!long.TryParse(entry.Name, NumberStyles.None, CultureInfo.InvariantCulture, out var patrolId) || patrolId <= 0
                    || entry.Value.ValueKind != JsonValueKind.String || !PatrolColourSet.IsColourName(entry.Value.GetString())
                    || !changes.TryAdd(patrolId, entry.Value.GetString()!))
                {
                    return null;
                }
            }

            return changes.Count is > 0 and <= MaxPatrols ? changes : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}

/// <summary>A section's patrol colours: patrol id → colour name (only patrols that have one).</summary>
/// <param name="PatrolColors">E.g. <c>{"72699":"red"}</c>; in a POST, <c>""</c> removes a patrol's colour.</param>
public sealed record PatrolColoursView(IReadOnlyDictionary<string, string> PatrolColors)
{
    internal static PatrolColoursView Of(PatrolColourSet set) => new(set.Colours);
}
