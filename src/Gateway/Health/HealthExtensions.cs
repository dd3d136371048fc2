using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using PatrolScores.Gateway.Storage.Availability;

namespace PatrolScores.Gateway.Health;

public static class HealthExtensions
{
    private const string ReadyTag = "ready";

    public static IServiceCollection AddGatewayHealth(this IServiceCollection services)
    {
        services.AddHealthChecks()
            .AddTypeActivatedCheck<StoreHealthCheck>(StoreComponentNames.Records, failureStatus: null, tags: [ReadyTag], args: StoreComponent.Records)
            .AddTypeActivatedCheck<StoreHealthCheck>(StoreComponentNames.Redis, failureStatus: null, tags: [ReadyTag], args: StoreComponent.Redis)
            .AddCheck<OsmBlockHealthCheck>("osm_block", tags: [ReadyTag]);
        return services;
    }

    /// <summary>
    /// <c>/healthz</c>: the process is alive (no checks). <c>/readyz</c>: each store and OSM's block, as
    /// JSON <c>{"status":"healthy|degraded|unhealthy","failing":[names],"checks":{name:{status,description,duration_ms}}}</c>;
    /// HTTP 200 for healthy and degraded (a store down with held copies served, a block), 503 for unhealthy.
    /// </summary>
    public static IEndpointRouteBuilder MapGatewayHealth(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapHealthChecks("/healthz", new HealthCheckOptions
        {
            Predicate = _ => false,
            ResponseWriter = HealthResponseWriter.WriteAsync,
        });
        endpoints.MapHealthChecks("/readyz", new HealthCheckOptions
        {
            Predicate = check => check.Tags.Contains(ReadyTag),
            ResponseWriter = HealthResponseWriter.WriteAsync,
        });
        return endpoints;
    }
}
