namespace PatrolScores.Gateway.Patrols;

/// <summary>
/// Early in the pipeline (before routing): a GET on a patrols route's literal path goes to the
/// <see cref="PatrolsEntrance"/>, so a scoreboard's poll pays for no routing. Everything else goes on.
/// </summary>
internal sealed class PatrolsEntranceMiddleware(RequestDelegate next, PatrolsRouteTable routes, PatrolsEntrance entrance)
{
    public Task InvokeAsync(HttpContext context) =>
        routes.IsPatrolsGet(context.Request, out var routeId) ? entrance.ServeAsync(context, routeId) : next(context);
}
