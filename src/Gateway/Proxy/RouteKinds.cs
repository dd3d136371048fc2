using PatrolScores.Transforms.Routing;
using Yarp.ReverseProxy.Configuration;
using Yarp.ReverseProxy.Model;

namespace PatrolScores.Gateway.Proxy;

/// <summary>Reads which of our behaviours a YARP route opted into, from its <c>PatrolScores.Kind</c> metadata.</summary>
internal static class RouteKinds
{
    public static bool IsPatrols(HttpContext context) =>
        Is(context.Features.Get<IReverseProxyFeature>()?.Route.Config, RouteMetadataKeys.PatrolsKind);

    /// <summary>In YARP's pipeline: the request came in on the tools' OSM passthrough route.</summary>
    public static bool IsOsmPassthrough(HttpContext context) =>
        Is(context.Features.Get<IReverseProxyFeature>()?.Route.Config, RouteMetadataKeys.OsmKind);

    /// <summary>After routing, before YARP's pipeline: the matched endpoint is a passthrough route.</summary>
    public static bool IsOsmPassthrough(Endpoint? endpoint) =>
        Is(endpoint?.Metadata.GetMetadata<RouteModel>()?.Config, RouteMetadataKeys.OsmKind);

    public static bool IsOsmPassthrough(RouteConfig route) => Is(route, RouteMetadataKeys.OsmKind);

    private static bool Is(RouteConfig? route, string kind) =>
        route?.Metadata is { } metadata
        && metadata.TryGetValue(RouteMetadataKeys.Kind, out var value)
        && string.Equals(value, kind, StringComparison.OrdinalIgnoreCase);
}
