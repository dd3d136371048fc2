using System.Globalization;
using System.Text.Json;
using PatrolScores.OsmSimulator.Faults;
using PatrolScores.OsmSimulator.Json;

namespace PatrolScores.OsmSimulator.Control;

/// <summary>
/// <c>/_sim/</c>: drive the simulator over HTTP (demo, manual testing). Not counted as OSM calls.
/// <c>GET calls</c>, <c>GET|POST faults</c> (POST replaces every fault), <c>POST reset</c> (faults and counts),
/// <c>POST users/{id}/remaining/{n}</c>, <c>POST sections/{id}/patrols/{id}/points/{n}</c> (as a leader changing points
/// on OSM's own site: no call is counted).
/// </summary>
internal static class ControlEndpoints
{
    public static IEndpointRouteBuilder MapSimulatorControl(this IEndpointRouteBuilder endpoints)
    {
        var control = endpoints.MapGroup("/_sim");
        control.MapGet("/calls", CallsAsync);
        control.MapGet("/faults", GetFaultsAsync);
        control.MapPost("/faults", SetFaultsAsync);
        control.MapPost("/reset", Reset);
        control.MapPost("/users/{userId:long}/remaining/{remaining:int}", SetRemainingAsync);
        control.MapPost("/sections/{sectionId:long}/patrols/{patrolId:long}/points/{points:int}", SetPointsAsync);
        return endpoints;
    }

    private static Task CallsAsync(HttpContext context) =>
        HttpJson.WriteAsync(context, StatusCodes.Status200OK, State(context).CallLog.Snapshot(), ControlJsonContext.Default.CallsSnapshot);

    private static Task GetFaultsAsync(HttpContext context) =>
        HttpJson.WriteAsync(context, StatusCodes.Status200OK, State(context).Faults.Snapshot(), ControlJsonContext.Default.SimulatorFaults);

    private static async Task SetFaultsAsync(HttpContext context)
    {
        SimulatorFaults? posted;
        try
        {
            posted = await JsonSerializer.DeserializeAsync(context.Request.Body, ControlJsonContext.Default.SimulatorFaults, context.RequestAborted);
        }
        catch (JsonException exception)
        {
            await BadRequest(context, $"Invalid faults JSON: {exception.Message}");
            return;
        }

        var error = posted is null ? "Expected a JSON object of faults." : FaultValidator.Validate(posted);
        if (error is not null)
        {
            await BadRequest(context, error);
            return;
        }

        var state = State(context);
        state.Faults.CopyFrom(posted!);
        await GetFaultsAsync(context);
    }

    private static Task Reset(HttpContext context)
    {
        State(context).Reset();
        context.Response.StatusCode = StatusCodes.Status204NoContent;
        return Task.CompletedTask;
    }

    private static Task SetRemainingAsync(HttpContext context)
    {
        var userId = long.Parse((string)context.GetRouteValue("userId")!, CultureInfo.InvariantCulture);
        var remaining = int.Parse((string)context.GetRouteValue("remaining")!, CultureInfo.InvariantCulture);
        if (remaining < 0)
            return BadRequest(context, "remaining must be 0 or more.");

        State(context).SetRemaining(userId, remaining);
        return HttpJson.WriteAsync(context, StatusCodes.Status200OK, new RemainingBody(userId, remaining), ControlJsonContext.Default.RemainingBody);
    }

    private static Task SetPointsAsync(HttpContext context)
    {
        var sectionId = long.Parse((string)context.GetRouteValue("sectionId")!, CultureInfo.InvariantCulture);
        var patrolId = long.Parse((string)context.GetRouteValue("patrolId")!, CultureInfo.InvariantCulture);
        var points = int.Parse((string)context.GetRouteValue("points")!, CultureInfo.InvariantCulture);
        if (!State(context).Patrols.TryUpdatePoints(sectionId, patrolId, points))
            return HttpJson.WriteAsync(context, StatusCodes.Status404NotFound, new ControlError($"No patrol {patrolId} in section {sectionId}."), ControlJsonContext.Default.ControlError);

        return HttpJson.WriteAsync(context, StatusCodes.Status200OK, new PointsBody(sectionId, patrolId, points), ControlJsonContext.Default.PointsBody);
    }

    private static SimulatorState State(HttpContext context) => context.RequestServices.GetRequiredService<SimulatorState>();

    private static Task BadRequest(HttpContext context, string error) =>
        HttpJson.WriteAsync(context, StatusCodes.Status400BadRequest, new ControlError(error), ControlJsonContext.Default.ControlError);
}
