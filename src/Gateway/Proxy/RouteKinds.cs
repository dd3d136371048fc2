using PatrolScores.Transforms.Routing;
using Yarp.ReverseProxy.Model;

namespace PatrolScores.Gateway.Proxy;

/// <summary>Reads which of our behaviours a YARP route opted into, from its <c>PatrolScores.Kind</c> metadata.</summary>
internal static class RouteKinds
{
    public static bool IsPatrols(HttpContext context) =>
        context.Features.Get<IReverseProxyFeature>()?.Route.Config.Metadata is { } metadata
        && metadata.TryGetValue(RouteMetadataKeys.Kind, out var kind)
        && string.Equals(kind, RouteMetadataKeys.PatrolsKind, StringComparison.OrdinalIgnoreCase);
}
