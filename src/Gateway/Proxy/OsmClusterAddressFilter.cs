using Microsoft.Extensions.Options;
using PatrolScores.Gateway.Osm;
using Yarp.ReverseProxy.Configuration;

namespace PatrolScores.Gateway.Proxy;

/// <summary>
/// The <c>osm</c> cluster's destination comes from <c>Osm:BaseUrl</c> unless the cluster names its own,
/// so the upstream is configured in one place for YARP and for the gateway's own OSM client.
/// </summary>
internal sealed class OsmClusterAddressFilter(IOptionsMonitor<OsmOptions> osm) : IProxyConfigFilter
{
    public const string ClusterId = "osm";

    public ValueTask<ClusterConfig> ConfigureClusterAsync(ClusterConfig cluster, CancellationToken cancel)
    {
        if (!string.Equals(cluster.ClusterId, ClusterId, StringComparison.OrdinalIgnoreCase) || cluster.Destinations is { Count: > 0 })
        {
            return ValueTask.FromResult(cluster);
        }

        var options = osm.CurrentValue;
        return ValueTask.FromResult(cluster with
        {
            Destinations = new Dictionary<string, DestinationConfig> { ["osm"] = new() { Address = options.BaseUrl } },
            HttpRequest = (cluster.HttpRequest ?? new Yarp.ReverseProxy.Forwarder.ForwarderRequestConfig()) with
            {
                ActivityTimeout = cluster.HttpRequest?.ActivityTimeout ?? options.RequestTimeout,
            },
        });
    }

    public ValueTask<RouteConfig> ConfigureRouteAsync(RouteConfig route, ClusterConfig? cluster, CancellationToken cancel) =>
        ValueTask.FromResult(route);
}
