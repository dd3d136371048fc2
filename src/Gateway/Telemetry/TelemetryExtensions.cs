using OpenTelemetry.Metrics;

namespace PatrolScores.Gateway.Telemetry;

public static class TelemetryExtensions
{
    public static IServiceCollection AddGatewayTelemetry(this IServiceCollection services)
    {
        services.AddOpenTelemetry().WithMetrics(metrics => metrics
            .AddMeter(GatewayMetrics.MeterName)
            .AddPrometheusExporter());
        return services;
    }

    /// <summary><c>/metrics</c> in Prometheus text format.</summary>
    public static IEndpointRouteBuilder MapGatewayTelemetry(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPrometheusScrapingEndpoint("/metrics");
        return endpoints;
    }
}
