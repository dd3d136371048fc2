using PatrolScores.Transforms.Routing;
using Yarp.ReverseProxy.Configuration;

namespace PatrolScores.Gateway.Patrols;

/// <summary>
/// The literal paths of the configured patrols routes (live: rebuilt when YARP's configuration is
/// reloaded), so a fresh cache hit can be recognised before routing. A route with host, header or query
/// constraints, or a path with parameters, is left to YARP's own matching.
/// </summary>
internal sealed class PatrolsRouteTable(IProxyConfigProvider configProvider)
{
    private Snapshot? _snapshot;

    /// <summary>Whether the request is a GET on a patrols route's path; <paramref name="routeId"/> names that route (for metrics).</summary>
    public bool IsPatrolsGet(HttpRequest request, out string routeId)
    {
        routeId = "";
        if (!HttpMethods.IsGet(request.Method))
        {
            return false;
        }

        var config = configProvider.GetConfig();
        var snapshot = _snapshot;
        if (snapshot is null || !ReferenceEquals(snapshot.Config, config))
        {
            _snapshot = snapshot = Build(config);
        }

        return request.Path.Value is { } path && snapshot.Paths.TryGetValue(path, out routeId!);
    }

    private static Snapshot Build(IProxyConfig config)
    {
        var paths = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var route in config.Routes)
        {
            var match = route.Match;
            var isPatrols = GatewayRouteKinds.Of(route) == GatewayRouteKind.Patrols;
            var literal = match.Path is { Length: > 0 } path && !path.Contains('{', StringComparison.Ordinal);
            var unconstrained = match.Hosts is not { Count: > 0 } && match.Headers is not { Count: > 0 } && match.QueryParameters is not { Count: > 0 };
            var allowsGet = match.Methods is not { Count: > 0 } || match.Methods.Contains(HttpMethods.Get, StringComparer.OrdinalIgnoreCase);
            if (isPatrols && literal && unconstrained && allowsGet)
            {
                paths.TryAdd(match.Path!, route.RouteId);
            }
        }

        return new Snapshot(config, paths);
    }

    private sealed record Snapshot(IProxyConfig Config, Dictionary<string, string> Paths);
}
