using Microsoft.AspNetCore.Diagnostics.HealthChecks;

namespace PatrolScores.Gateway.Health;

public static class HealthExtensions
{
    private const string ReadyTag = "ready";

    public static IServiceCollection AddGatewayHealth(this IServiceCollection services)
    {
        services.AddHealthChecks()
            .AddCheck<RecordStoreHealthCheck>("records", tags: [ReadyTag])
            .AddCheck<RedisHealthCheck>("redis", tags: [ReadyTag])
            .AddCheck<OsmBlockHealthCheck>("osm_block", tags: [ReadyTag]);
        return services;
    }

    /// <summary><c>/healthz</c>: the process is alive (no checks); <c>/readyz</c>: the configured stores answer.</summary>
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
