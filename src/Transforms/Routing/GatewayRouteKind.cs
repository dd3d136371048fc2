using Yarp.ReverseProxy.Configuration;

namespace PatrolScores.Transforms.Routing;

/// <summary>Which of the gateway's behaviours a YARP route opted into (its <c>PatrolScores.Kind</c> metadata).</summary>
public enum GatewayRouteKind
{
    /// <summary>No <c>PatrolScores.Kind</c> metadata: not a gateway route.</summary>
    None,

    /// <summary><c>patrols</c>: the device route whose requests the gateway answers from its score cache.</summary>
    Patrols,

    /// <summary><c>osm</c>: the passthrough route internal tools use to call OSM.</summary>
    Osm,

    /// <summary>A value the gateway does not know: a configuration error, rejected when routes load.</summary>
    Unknown,
}

/// <summary>The one reader of a route's <c>PatrolScores.Kind</c> metadata (case-insensitive, like configuration keys).</summary>
public static class GatewayRouteKinds
{
    /// <summary>The kind <paramref name="route"/> names; <see cref="GatewayRouteKind.None"/> for a null route.</summary>
    public static GatewayRouteKind Of(RouteConfig? route)
    {
        if (route?.Metadata is not { } metadata || !metadata.TryGetValue(RouteMetadataKeys.Kind, out var value))
        {
            return GatewayRouteKind.None;
        }

        return string.Equals(value, RouteMetadataKeys.PatrolsKind, StringComparison.OrdinalIgnoreCase) ? GatewayRouteKind.Patrols
            : string.Equals(value, RouteMetadataKeys.OsmKind, StringComparison.OrdinalIgnoreCase) ? GatewayRouteKind.Osm
            : GatewayRouteKind.Unknown;
    }
}
