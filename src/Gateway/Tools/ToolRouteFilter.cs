using PatrolScores.Gateway.Proxy;
using Yarp.ReverseProxy.Configuration;

namespace PatrolScores.Gateway.Tools;

/// <summary>
/// Every passthrough route gets the tools' hourly budget, whether or not its configuration names the
/// policy: a route edited without it must not become a way around the budget. A route opts into
/// caching with <c>"PatrolScores.Cache": "true"</c> metadata (or <c>"OutputCachePolicy": "tool-cache"</c>).
/// </summary>
internal sealed class ToolRouteFilter : IProxyConfigFilter
{
    public ValueTask<ClusterConfig> ConfigureClusterAsync(ClusterConfig cluster, CancellationToken cancel) => ValueTask.FromResult(cluster);

    public ValueTask<RouteConfig> ConfigureRouteAsync(RouteConfig route, ClusterConfig? cluster, CancellationToken cancel)
    {
        // A route to OSM with none of our behaviour would forward anyone's request with no key, no
        // allow-list and no user: YARP rejects the whole configuration and keeps the last good one.
        if (string.Equals(route.ClusterId, OsmClusterAddressFilter.ClusterId, StringComparison.OrdinalIgnoreCase)
            && Transforms.Routing.GatewayRouteKinds.Of(route) == Transforms.Routing.GatewayRouteKind.None)
        {
            throw new InvalidOperationException(
                $"Route '{route.RouteId}' sends to the '{OsmClusterAddressFilter.ClusterId}' cluster without '{Transforms.Routing.RouteMetadataKeys.Kind}' metadata ('patrols' or 'osm').");
        }

        if (!RouteKinds.IsOsmPassthrough(route))
        {
            return ValueTask.FromResult(route);
        }

        var cache = route.OutputCachePolicy;
        if (route.Metadata?.TryGetValue(Transforms.Routing.RouteMetadataKeys.Cache, out var opted) == true)
        {
            cache = bool.TryParse(opted, out var on)
                ? (on ? ToolsExtensions.CachePolicy : cache)
                : throw new InvalidOperationException(
                    $"Route '{route.RouteId}': metadata '{Transforms.Routing.RouteMetadataKeys.Cache}' is '{opted}'; expected 'true' or 'false'.");
        }

        return ValueTask.FromResult(route with { RateLimiterPolicy = ToolsExtensions.BudgetPolicy, OutputCachePolicy = cache });
    }
}
