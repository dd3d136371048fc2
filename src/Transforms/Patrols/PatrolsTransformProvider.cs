using PatrolScores.Transforms.Passthrough;
using PatrolScores.Transforms.Routing;
using Yarp.ReverseProxy.Transforms.Builder;

namespace PatrolScores.Transforms.Patrols;

/// <summary>
/// Attaches the patrols transforms to every route whose metadata says
/// <c>"PatrolScores.Kind": "patrols"</c>, and rejects routes naming a kind the gateway does not
/// know: a typo there would otherwise silently forward devices to OSM untransformed.
/// </summary>
public sealed class PatrolsTransformProvider : ITransformProvider
{
    /// <inheritdoc/>
    public void ValidateRoute(TransformRouteValidationContext context)
    {
        ArgumentNullException.ThrowIfNull(context);

        var kind = GatewayRouteKinds.Of(context.Route);
        if (kind == GatewayRouteKind.Unknown)
        {
            context.Errors.Add(new ArgumentException(
                $"Route '{context.Route.RouteId}': metadata '{RouteMetadataKeys.Kind}' is '{context.Route.Metadata![RouteMetadataKeys.Kind]}'; " +
                $"expected '{RouteMetadataKeys.PatrolsKind}' or '{RouteMetadataKeys.OsmKind}'."));
        }

        // The passthrough checks a tool's allow-list against the path it forwards: both must come from one route value.
        var catchAll = "{**" + OsmPassthroughTransformExtensions.PathRouteValue + "}";
        if (kind == GatewayRouteKind.Osm && context.Route.Match.Path?.EndsWith(catchAll, StringComparison.Ordinal) != true)
        {
            context.Errors.Add(new ArgumentException(
                $"Route '{context.Route.RouteId}': an '{RouteMetadataKeys.OsmKind}' route's Match.Path must end with '{catchAll}', e.g. '/osm/{catchAll}'."));
        }
    }

    /// <inheritdoc/>
    public void ValidateCluster(TransformClusterValidationContext context)
    {
        // Clusters carry no gateway metadata.
    }

    /// <inheritdoc/>
    public void Apply(TransformBuilderContext context)
    {
        ArgumentNullException.ThrowIfNull(context);

        switch (GatewayRouteKinds.Of(context.Route))
        {
            case GatewayRouteKind.Patrols:
                context.AddOsmPatrolsTransforms();
                break;
            case GatewayRouteKind.Osm:
                context.AddOsmPassthroughTransforms();
                break;
        }
    }
}
