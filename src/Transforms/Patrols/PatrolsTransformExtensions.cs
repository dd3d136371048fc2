using Yarp.ReverseProxy.Transforms.Builder;

namespace PatrolScores.Transforms.Patrols;

/// <summary>Adds the patrols transforms to a route, in the style of YARP's own <c>AddXxx</c> extensions.</summary>
public static class PatrolsTransformExtensions
{
    /// <summary>
    /// Adds <see cref="PatrolsRequestTransform"/> and <see cref="PatrolsResponseTransform"/>, and stops
    /// the device's own headers from being forwarded.
    /// </summary>
    public static TransformBuilderContext AddOsmPatrolsTransforms(this TransformBuilderContext context)
    {
        ArgumentNullException.ThrowIfNull(context);

        // Nothing of the device's request may reach OSM: not its headers (User-Agent, cookies) and not
        // its address in X-Forwarded-*. The request transform sets every header OSM needs.
        context.CopyRequestHeaders = false;
        context.UseDefaultForwarders = false;
        context.RequestTransforms.Add(new PatrolsRequestTransform());
        context.ResponseTransforms.Add(new PatrolsResponseTransform());
        return context;
    }
}
