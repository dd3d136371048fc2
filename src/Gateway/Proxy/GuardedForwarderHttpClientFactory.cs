using PatrolScores.Gateway.Osm.Guard;
using Yarp.ReverseProxy.Forwarder;

namespace PatrolScores.Gateway.Proxy;

/// <summary>Puts the outbound guard at the top of YARP's forwarder handler chain, for every cluster.</summary>
internal sealed class GuardedForwarderHttpClientFactory(IServiceProvider services, ILogger<ForwarderHttpClientFactory> logger)
    : ForwarderHttpClientFactory(logger)
{
    protected override HttpMessageHandler WrapHandler(ForwarderHttpClientContext context, HttpMessageHandler handler)
    {
        var guard = services.GetRequiredService<OsmGuardHandler>();
        guard.InnerHandler = base.WrapHandler(context, handler);
        return guard;
    }
}
