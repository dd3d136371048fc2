using PatrolScores.Gateway.Devices;
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
            .AddConfigFilter<OsmClusterAddressFilter>()
            .AddConfigFilter<ToolRouteFilter>();
        services.AddSingleton<IForwarderHttpClientFactory, GuardedForwarderHttpClientFactory>();
        services.AddSingleton<PatrolsRouteTable>();

        // YARP routes may name an AuthorizationPolicy; the middleware runs after routing (GatewayApp).
        services.AddAuthorization();
        return services;
    }

    /// <summary>
    /// Fresh cache hits on the patrols route are answered here, before routing; call it before
    /// <c>UseRouting</c>.
    /// </summary>
    public static IApplicationBuilder UsePatrolsCacheHits(this IApplicationBuilder app) =>
        app.UseMiddleware<CacheHitMiddleware>();

    /// <summary>The proxy pipeline: device authentication and the patrol cache run before YARP forwards.</summary>
    public static IEndpointRouteBuilder MapGatewayProxy(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapReverseProxy(proxy =>
        {
            proxy.UseMiddleware<DeviceAuthenticationMiddleware>();
            proxy.UseMiddleware<PatrolScoresMiddleware>();
            proxy.UseMiddleware<ToolPassthroughMiddleware>();
            proxy.UseSessionAffinity();
            proxy.UseLoadBalancing();
            proxy.UsePassiveHealthChecks();
        });
        return endpoints;
    }
}
