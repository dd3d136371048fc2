using PatrolScores.OsmSimulator.Calls;

namespace PatrolScores.OsmSimulator.Api;

/// <summary>Maps the OSM API endpoints the gateway calls.</summary>
internal static class OsmApiEndpoints
{
    public const string PatrolsPath = "/ext/members/patrols/";

    public static IEndpointRouteBuilder MapOsmApi(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/oauth/resource", ResourceEndpoint.HandleAsync)
            .WithMetadata(new SimulatedEndpointName(SimulatorEndpoints.Resource));
        endpoints.MapGet(PatrolsPath, PatrolEndpoints.GetAsync)
            .WithMetadata(new SimulatedEndpointName(SimulatorEndpoints.Patrols));
        endpoints.MapPost(PatrolsPath, PatrolEndpoints.UpdateAsync)
            .WithMetadata(new SimulatedEndpointName(SimulatorEndpoints.UpdatePatrolPoints));
        return endpoints;
    }
}
