using PatrolScores.Transforms.Routing;
using Yarp.ReverseProxy.Configuration;
using Yarp.ReverseProxy.Model;

namespace PatrolScores.Gateway.Proxy;

/// <summary>Which of our behaviours the route of a request opted into, read by <see cref="GatewayRouteKinds"/>.</summary>
internal static class RouteKinds
{
    /// <summary>In YARP's pipeline: the request came in on a patrols route.</summary>
    public static bool IsPatrols(HttpContext context) =>
        GatewayRouteKinds.Of(context.Features.Get<IReverseProxyFeature>()?.Route.Config) == GatewayRouteKind.Patrols;

    /// <summary>In YARP's pipeline: the request came in on the tools' OSM passthrough route.</summary>
    public static bool IsOsmPassthrough(HttpContext context) =>
        GatewayRouteKinds.Of(context.Features.Get<IReverseProxyFeature>()?.Route.Config) == GatewayRouteKind.Osm;

    /// <summary>After routing, before YARP's pipeline: the matched endpoint is a passthrough route.</summary>
    public static bool IsOsmPassthrough(Endpoint? endpoint) =>
        GatewayRouteKinds.Of(endpoint?.Metadata.GetMetadata<RouteModel>()?.Config) == GatewayRouteKind.Osm;

    public static bool IsOsmPassthrough(RouteConfig route) => GatewayRouteKinds.Of(route) == GatewayRouteKind.Osm;
}
