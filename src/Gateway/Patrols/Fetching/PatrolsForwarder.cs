using System.Diagnostics;
using System.Runtime.ExceptionServices;
using PatrolScores.Gateway.Osm.Guard;
using PatrolScores.Transforms.Patrols;
using PatrolScores.Transforms.Routing;
using PatrolScores.Transforms.Upstream;
using Yarp.ReverseProxy;
using Yarp.ReverseProxy.Forwarder;
using Yarp.ReverseProxy.Model;

namespace PatrolScores.Gateway.Patrols.Fetching;

/// <summary>
/// Sends one patrols fetch through YARP without a device's request: the configured patrols route's
/// transforms (<c>PatrolsRequestTransform</c>, <c>PatrolsResponseTransform</c>), its cluster's
/// destination, request settings and guarded client (<c>OsmGuardHandler</c>) are taken from YARP's live
/// state and driven by <see cref="IHttpForwarder"/> on a request of the gateway's own. So the route,
/// cluster and transforms in <c>appsettings</c> stay the path to OSM, and the call runs on the fetch's
/// token (its deadline and the gateway's lifetime), never on a device's.
/// </summary>
internal sealed class PatrolsForwarder(IHttpForwarder forwarder, IProxyStateLookup proxy)
{
    /// <summary>Forwards the call; the transform's <see cref="PatrolFetchOutcome"/>, or how forwarding failed.</summary>
    public async Task<ForwardResult> ForwardAsync(OsmCallContext call, CancellationToken cancellationToken)
    {
        var route = PatrolsRoute() ?? throw new InvalidOperationException("No YARP route has 'PatrolScores.Kind: patrols' metadata; the gateway cannot fetch patrols.");
        var cluster = route.Cluster ?? throw new InvalidOperationException($"Route '{route.Config.RouteId}' has no cluster.");
        var destinations = cluster.DestinationsState.AvailableDestinations.Count > 0
            ? cluster.DestinationsState.AvailableDestinations
            : cluster.DestinationsState.AllDestinations;
        if (destinations.Count == 0 || cluster.Model.HttpClient is not { } client)
        {
            throw new InvalidOperationException($"Cluster '{cluster.ClusterId}' has no destination to forward to.");
        }

        Activity.Current?.SetTag("proxy.route_id", route.Config.RouteId);

        // A request of the gateway's own: nothing of any device's request is in it.
        var context = new DefaultHttpContext { RequestAborted = cancellationToken };
        context.Request.Method = HttpMethods.Get;
        context.Request.Protocol = "HTTP/1.1";
        context.Request.Scheme = "http";
        context.Request.Path = "/";
        context.Features.Set(call);

        var error = await forwarder.SendAsync(
            context,
            destinations[0].Model.Config.Address,
            client,
            cluster.Model.Config.HttpRequest ?? ForwarderRequestConfig.Empty,
            route.Transformer,
            cancellationToken);
        if (error != ForwarderError.None)
        {
            var exception = context.Features.Get<IForwarderErrorFeature>()?.Exception;
            if (exception is not null && Errors.UnhandledErrors.IsStoreFailure(exception))
            {
                // The guard could not read block or quota state: the fetcher's to answer, not a network fault.
                ExceptionDispatchInfo.Throw(exception);
            }

            return exception is OsmCallRefusedException refused
                ? ForwardResult.Refused(refused)
                : ForwardResult.Failed(error is ForwarderError.RequestTimedOut || cancellationToken.IsCancellationRequested ? UpstreamFailure.Timeout : UpstreamFailure.Network);
        }

        return context.Features.Get<PatrolFetchOutcome>() is { } outcome
            ? ForwardResult.Answered(outcome)
            : ForwardResult.Failed(UpstreamFailure.Network);
    }

    // The first patrols route by id: the same one on every replica, whatever order the file lists them in.
    private RouteModel? PatrolsRoute()
    {
        RouteModel? chosen = null;
        foreach (var route in proxy.GetRoutes())
        {
            if (GatewayRouteKinds.Of(route.Config) == GatewayRouteKind.Patrols
                && (chosen is null || string.CompareOrdinal(route.Config.RouteId, chosen.Config.RouteId) < 0))
            {
                chosen = route;
            }
        }

        return chosen;
    }
}

/// <summary>One forward: OSM's answer as the transforms saw it, a refusal by the guard, or a failure to get an answer.</summary>
internal readonly record struct ForwardResult(PatrolFetchOutcome? Outcome, OsmCallRefusedException? Refusal, UpstreamFailure? Failure)
{
    public static ForwardResult Answered(PatrolFetchOutcome outcome) => new(outcome, null, null);

    public static ForwardResult Refused(OsmCallRefusedException refusal) => new(null, refusal, null);

    public static ForwardResult Failed(UpstreamFailure failure) => new(null, null, failure);
}
