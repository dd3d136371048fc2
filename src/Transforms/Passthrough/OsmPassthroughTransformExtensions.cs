using Yarp.ReverseProxy.Transforms;
using Yarp.ReverseProxy.Transforms.Builder;

namespace PatrolScores.Transforms.Passthrough;

/// <summary>The transforms of the <c>osm</c> passthrough route for internal tools.</summary>
public static class OsmPassthroughTransformExtensions
{
    /// <summary>The route value that carries the OSM path: routes of this kind match <c>/prefix/{**path}</c>.</summary>
    public const string PathRouteValue = "path";

    /// <summary>Headers a tool may pass on to OSM; everything else (its key, cookies, its address) stays here.</summary>
    public static readonly string[] AllowedRequestHeaders = ["Accept", "Accept-Language", "Content-Type"];

    /// <summary>
    /// Forwards <c>/{**path}</c> with the tool's query and body, only the allowed headers, no
    /// <c>X-Forwarded-*</c>, and the bound user's bearer token; OSM's cookies are not passed back.
    /// </summary>
    public static TransformBuilderContext AddOsmPassthroughTransforms(this TransformBuilderContext context)
    {
        ArgumentNullException.ThrowIfNull(context);

        context.UseDefaultForwarders = false;
        context.AddPathRouteValues("/{**" + PathRouteValue + "}");
        context.AddRequestHeadersAllowed(AllowedRequestHeaders);
        context.RequestTransforms.Add(new OsmPassthroughRequestTransform());
        context.AddResponseHeaderRemove("Set-Cookie");
        return context;
    }
}
