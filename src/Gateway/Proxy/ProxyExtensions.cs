using PatrolScores.Gateway.Patrols;
using PatrolScores.Gateway.Tools;
using PatrolScores.Transforms.Patrols;
using Yarp.ReverseProxy.Forwarder;

namespace PatrolScores.Gateway.Proxy;

public static class ProxyExtensions
{
    /// <summary>YARP with routes and clusters from the <c>ReverseProxy</c> section (reloaded live), our transforms and guard.</summary>
    public static IServiceCollection AddGatewayProxy(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddReverseProxy()
            .LoadFromConfig(configuration.GetSection("ReverseProxy"))
            .AddTransforms<PatrolsTransformProvider>()
            .AddConfigFilter<OsmClusterAddressFilter>();
        services.AddSingleton<IForwarderHttpClientFactory, GuardedForwarderHttpClientFactory>();

        // YARP routes may name an AuthorizationPolicy; the middleware runs after routing (GatewayApp).
        services.AddAuthorization();
        return services;
    }

    /// <summary>
    /// The proxy pipeline. A patrols route reached through routing (one the entrance could not
    /// recognise before routing) goes to the same <see cref="PatrolsEntrance"/>: a device's request is
    /// never forwarded itself; the fetcher sends the gateway's own request through the route.
    /// </summary>
    public static IEndpointRouteBuilder MapGatewayProxy(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapReverseProxy(proxy =>
        {
            proxy.Use((context, next) => RouteKinds.IsPatrols(context)
                ? context.RequestServices.GetRequiredService<PatrolsEntrance>().ServeAsync(context, context.GetReverseProxyFeature().Route.Config.RouteId)
                : next(context));
            proxy.UseMiddleware<ToolPassthroughMiddleware>();
            proxy.UseSessionAffinity();
            proxy.UseLoadBalancing();
            proxy.UsePassiveHealthChecks();
        });
        return endpoints;
    }
}
