using System.Runtime.ExceptionServices;
using PatrolScores.Gateway.Errors;
using PatrolScores.Gateway.Osm.Guard;
using PatrolScores.Gateway.Osm.Tokens;
using PatrolScores.Gateway.Proxy;
using PatrolScores.Transforms.Passthrough;
using Yarp.ReverseProxy.Forwarder;

namespace PatrolScores.Gateway.Tools;

/// <summary>
/// The passthrough route in YARP's pipeline: the bound user's OSM token, then YARP forwards through
/// the same outbound guard as every other OSM call (which refuses while a block holds).
/// Refusals and failures become the gateway's JSON errors, never an empty 502.
/// </summary>
internal sealed partial class ToolPassthroughMiddleware(
    RequestDelegate next,
    OsmCredentials credentials,
    Patrols.FreshnessPolicy freshness,
    TimeProvider time,
    ILogger<ToolPassthroughMiddleware> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        if (!RouteKinds.IsOsmPassthrough(context))
        {
            await next(context);
            return;
        }

        if (context.Features.Get<ToolCaller>() is not { } tool)
        {
            // The gate runs before routing reaches here; without it nothing may be forwarded.
            await ErrorResponses.WriteAsync(context, StatusCodes.Status401Unauthorized, ErrorCodes.Unauthorized, $"Send the tool's API key in the {ToolGateMiddleware.KeyHeader} header.");
            return;
        }

        // Blocks are the guard's to read, once per upstream call: a refresh it refuses ends here, a
        // forward it refuses comes back as the forwarder's error below.
        OsmCredential credential;
        try
        {
            credential = await credentials.GetAsync(tool.OsmUserId, context.RequestAborted);
        }
        catch (OsmCallRefusedException refused)
        {
            await WriteRefusalAsync(context, refused);
            return;
        }

        if (credential.AccessToken is not { } accessToken)
        {
            await (credential.IsUnavailable
                ? ErrorResponses.WriteAsync(context, StatusCodes.Status503ServiceUnavailable, ErrorCodes.UpstreamUnavailable, "OSM cannot be reached right now; try again shortly.", TimeSpan.FromSeconds(30))
                : ErrorResponses.WriteAsync(context, StatusCodes.Status409Conflict, ToolErrorCodes.OsmSignInRequired, "The OSM user this tool acts as must sign in through the gateway's pages again."));
            return;
        }

        context.Features.Set(new OsmPassthroughContext { UserId = tool.OsmUserId, AccessToken = accessToken });
        await next(context);

        if (context.Response.StatusCode == StatusCodes.Status401Unauthorized && context.Features.Get<IForwarderErrorFeature>() is null)
        {
            // OSM refused the token: the next call refreshes it once.
            await credentials.ExpireAsync(tool.OsmUserId, CancellationToken.None);
        }

        if (context.Features.Get<IForwarderErrorFeature>() is { } error && !context.Response.HasStarted)
        {
            if (error.Exception is OsmCallRefusedException refused)
            {
                await WriteRefusalAsync(context, refused);
                return;
            }

            if (error.Exception is { } exception && UnhandledErrors.IsStoreFailure(exception))
            {
                // The guard could not read block or quota state, so nothing was sent: answered where every
                // store failure is (503 store_unavailable with Retry-After), not as OSM's fault.
                ExceptionDispatchInfo.Throw(exception);
            }

            LogForwardFailed(tool.Name, error.Error.ToString());
            await ErrorResponses.WriteAsync(context, StatusCodes.Status502BadGateway, ErrorCodes.UpstreamError, "OSM did not answer; try again shortly.", TimeSpan.FromSeconds(30));
        }
    }

    private Task WriteRefusalAsync(HttpContext context, OsmCallRefusedException refusal) => refusal.Refusal == OsmRefusal.ServiceBlocked
        ? ErrorResponses.WriteAsync(context, StatusCodes.Status503ServiceUnavailable, ErrorCodes.ServiceBlocked, "OSM has blocked this service; calls resume once an operator lifts the block.", freshness.Current.BlockedRetry)
        : ErrorResponses.WriteAsync(context, StatusCodes.Status429TooManyRequests, ErrorCodes.RateLimited, "OSM's hourly limit for this tool's user is used up; try again after blocked_until.",
            (refusal.Until ?? time.GetUtcNow()) - time.GetUtcNow(), refusal.Until);

    [LoggerMessage(EventId = 7201, Level = LogLevel.Warning, Message = "Passthrough call of tool {Tool} failed before OSM answered ({Error})")]
    private partial void LogForwardFailed(string tool, string error);
}
