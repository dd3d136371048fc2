using PatrolScores.Transforms.Passthrough;
using PatrolScores.Transforms.Routing;
using Yarp.ReverseProxy.Configuration;
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

        if (TryGetKind(context.Route, out var kind) && !IsKnownKind(kind))
        {
            context.Errors.Add(new ArgumentException(
                $"Route '{context.Route.RouteId}': metadata '{RouteMetadataKeys.Kind}' is '{kind}'; " +
                $"expected '{RouteMetadataKeys.PatrolsKind}' or '{RouteMetadataKeys.OsmKind}'."));
        }

        // The passthrough checks a tool's allow-list against the path it forwards: both must come from one route value.
        var catchAll = "{**" + OsmPassthroughTransformExtensions.PathRouteValue + "}";
        if (IsKind(kind, RouteMetadataKeys.OsmKind) && context.Route.Match.Path?.EndsWith(catchAll, StringComparison.Ordinal) != true)
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

        if (TryGetKind(context.Route, out var kind) && IsKind(kind, RouteMetadataKeys.PatrolsKind))
        {
            context.AddOsmPatrolsTransforms();
        }
        else if (TryGetKind(context.Route, out kind) && IsKind(kind, RouteMetadataKeys.OsmKind))
        {
            context.AddOsmPassthroughTransforms();
        }
    }

    private static bool TryGetKind(RouteConfig? route, out string kind)
    {
        if (route?.Metadata is { } metadata && metadata.TryGetValue(RouteMetadataKeys.Kind, out var value))
        {
            kind = value ?? string.Empty;
            return true;
        }

        kind = string.Empty;
        return false;
    }

    private static bool IsKnownKind(string kind) =>
        IsKind(kind, RouteMetadataKeys.PatrolsKind) || IsKind(kind, RouteMetadataKeys.OsmKind);

    // Case-insensitive like configuration keys; Apply and ValidateRoute agree because both use this.
    private static bool IsKind(string kind, string expected) => string.Equals(kind, expected, StringComparison.OrdinalIgnoreCase);
}
