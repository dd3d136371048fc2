using PatrolScores.Transforms.Upstream;
using Yarp.ReverseProxy.Transforms;

namespace PatrolScores.Transforms.Passthrough;

/// <summary>
/// Sends an internal tool's request to OSM as the bound user: their bearer token replaces whatever the
/// tool sent, and the user id rides along for the outbound guard (blocks, quota).
/// </summary>
public sealed class OsmPassthroughRequestTransform : RequestTransform
{
    /// <inheritdoc/>
    public override ValueTask ApplyAsync(RequestTransformContext context)
    {
        ArgumentNullException.ThrowIfNull(context);

        var call = context.HttpContext.Features.Get<OsmPassthroughContext>()
            ?? throw new InvalidOperationException(
                $"The passthrough transform needs an {nameof(OsmPassthroughContext)} feature; the gateway sets it before forwarding and none was found.");
        if (call.UserId <= 0 || string.IsNullOrWhiteSpace(call.AccessToken) || call.AccessToken.Any(c => c is <= ' ' or >= '\u007f'))
        {
            throw new InvalidUpstreamRequestException("The passthrough call has no usable OSM user or token.");
        }

        RemoveHeader(context, "Authorization");
        context.ProxyRequest.Headers.TryAddWithoutValidation("Authorization", "Bearer " + call.AccessToken);
        context.ProxyRequest.Options.Set(OsmRequestOptions.UserId, call.UserId);
        return default;
    }
}
