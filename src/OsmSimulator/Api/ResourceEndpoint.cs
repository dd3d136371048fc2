using System.Text.Json;
using PatrolScores.OsmSimulator.Json;

namespace PatrolScores.OsmSimulator.Api;

/// <summary><c>GET /oauth/resource</c>: the signed-in user, the scopes granted and their sections with terms.</summary>
internal static class ResourceEndpoint
{
    public static Task HandleAsync(HttpContext context) =>
        OsmApiPipeline.RunAsync(context, SimulatorEndpoints.Resource, call => Task.FromResult(Answer(call)));

    private static ApiReply Answer(ApiCall call)
    {
        var state = call.State;
        var user = state.Users.Find(call.Grant.UserId);
        if (user is null)
            return ApiReply.Failure(StatusCodes.Status401Unauthorized, "Invalid access token");

        var today = state.Today;
        var sections = user.Sections
            .Select(section => new ResourceSection(
                section.Name,
                section.GroupName,
                section.SectionId,
                section.GroupId,
                section.SectionType,
                [.. state.Terms.For(section.SectionId, today, call.Faults.NoCurrentTerm).Select(ResourceTerm.From)]))
            .ToArray();

        var envelope = new ResourceEnvelope(
            Status: true,
            Error: null,
            new ResourceData(user.UserId, user.FullName, user.Email, call.Grant.Scopes, sections, HasSectionAccess: true),
            Meta: []);
        return ApiReply.Json(StatusCodes.Status200OK, JsonSerializer.Serialize(envelope, OsmJsonContext.Default.ResourceEnvelope));
    }
}
