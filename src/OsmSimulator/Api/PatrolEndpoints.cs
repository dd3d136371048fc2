namespace PatrolScores.OsmSimulator.Api;

/// <summary>
/// <c>/ext/members/patrols/</c>: <c>GET ?action=getPatrolsWithPeople&amp;sectionid&amp;termid&amp;include_no_patrol=y</c>
/// and <c>POST ?action=updatePatrolPoints&amp;sectionid</c> with form <c>patrolid</c>, <c>points</c>.
/// Bad ids, an unknown action, a patrol not of the section or points outside
/// <see cref="OsmQuery.MinPoints"/>..<see cref="OsmQuery.MaxPoints"/> answer 400, a section not the user's 403,
/// both as <c>{"error":"..."}</c>. Both count the section they name (<see cref="SimulatorState.SectionCalls"/>).
/// </summary>
internal static class PatrolEndpoints
{
    public const string GetAction = "getPatrolsWithPeople";
    public const string UpdateAction = "updatePatrolPoints";

    public static Task GetAsync(HttpContext context) =>
        OsmApiPipeline.RunAsync(context, SimulatorEndpoints.Patrols, call => Task.FromResult(Get(call)));

    public static Task UpdateAsync(HttpContext context) =>
        OsmApiPipeline.RunAsync(context, SimulatorEndpoints.UpdatePatrolPoints, UpdateAsync);

    private static ApiReply Get(ApiCall call)
    {
        var query = call.Context.Request.Query;
        if (query["action"] != GetAction)
            return ApiReply.BareError(StatusCodes.Status400BadRequest, "Unknown action");
        if (!OsmQuery.TryPositiveId(query["sectionid"], out var sectionId))
            return ApiReply.BareError(StatusCodes.Status400BadRequest, "Invalid sectionid");
        if (!OsmQuery.TryPositiveId(query["termid"], out var termId))
            return ApiReply.BareError(StatusCodes.Status400BadRequest, "Invalid termid");
        call.State.CallLog.AttributeSection(SimulatorEndpoints.Patrols, sectionId);
        if (!call.State.Users.HasSection(call.Grant.UserId, sectionId))
            return NoAccess();

        var includeUnallocated = query["include_no_patrol"] == "y";
        return ApiReply.Json(StatusCodes.Status200OK, call.State.Patrols.Render(sectionId, termId, includeUnallocated));
    }

    private static async Task<ApiReply> UpdateAsync(ApiCall call)
    {
        var request = call.Context.Request;
        if (request.Query["action"] != UpdateAction)
            return ApiReply.BareError(StatusCodes.Status400BadRequest, "Unknown action");
        if (!OsmQuery.TryPositiveId(request.Query["sectionid"], out var sectionId))
            return ApiReply.BareError(StatusCodes.Status400BadRequest, "Invalid sectionid");
        call.State.CallLog.AttributeSection(SimulatorEndpoints.UpdatePatrolPoints, sectionId);
        if (!call.State.Users.HasSection(call.Grant.UserId, sectionId))
            return NoAccess();
        if (!request.HasFormContentType)
            return ApiReply.BareError(StatusCodes.Status400BadRequest, "Expected a form body");

        var form = await request.ReadFormAsync(call.Context.RequestAborted);
        if (!OsmQuery.TryPositiveId(form["patrolid"], out var patrolId))
            return ApiReply.BareError(StatusCodes.Status400BadRequest, "Invalid patrolid");
        if (!OsmQuery.TryPoints(form["points"], out var points))
            return ApiReply.BareError(StatusCodes.Status400BadRequest, "Invalid points");
        // OSM's permission refusal inside a 200 (the ErrorInsideSuccess fault) is a refusal: nothing is stored, and
        // the fault puts the refusal in the body. A read-back then shows the points unchanged, as OSM's would.
        if (call.Faults.ErrorInsideSuccess || call.Faults.WritesIgnored)
            return ApiReply.Json(StatusCodes.Status200OK, "[]");
        if (!call.State.Patrols.TryUpdatePoints(sectionId, patrolId, points))
            return ApiReply.BareError(StatusCodes.Status400BadRequest, "Unknown patrol");

        return ApiReply.Json(StatusCodes.Status200OK, "[]");
    }

    private static ApiReply NoAccess() =>
        ApiReply.BareError(StatusCodes.Status403Forbidden, "You do not have permission to access this section");
}
