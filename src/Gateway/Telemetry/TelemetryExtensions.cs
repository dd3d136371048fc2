using Microsoft.Extensions.Options;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace PatrolScores.Gateway.Telemetry;

public static class TelemetryExtensions
{
    /// <summary>
    /// Metrics (Prometheus), the request metrics, traces when <c>Telemetry:Otlp:Endpoint</c> is set, and
    /// the metrics port's extra listen address when <c>Telemetry:MetricsPort</c> is set.
    /// </summary>
    public static WebApplicationBuilder AddGatewayTelemetry(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<TelemetryOptions>().BindConfiguration(TelemetryOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<TelemetryOptions>, TelemetryOptionsValidator>();
        services.AddSingleton<GatewayMetrics>();
        services.AddSingleton<HttpRequestMetrics>();

        var otel = services.AddOpenTelemetry().WithMetrics(metrics => metrics
            .AddMeter(GatewayMetrics.MeterName)
            .AddPrometheusExporter());

        // After OpenTelemetry's own hosted service has started the meter provider.
        services.AddHostedService<KnownSeriesInitializer>();

        // Read once here because they shape the host itself; a bad value is skipped, and the options
        // validation above stops start-up naming the key.
        var options = builder.Configuration.GetSection(TelemetryOptions.SectionName);
        var otlp = options.GetSection("Otlp");

        // No collector, no tracer provider: spans nobody receives would still cost every request an Activity.
        if (OtlpProtocols.TryGetEndpoint(otlp["Endpoint"], out var endpoint) && OtlpProtocols.TryParse(otlp["Protocol"], out var protocol))
        {
            otel.WithTracing(tracing => tracing
                .AddGatewaySources()
                .AddOtlpExporter(exporter =>
                {
                    exporter.Protocol = protocol;
                    exporter.Endpoint = OtlpProtocols.TracesEndpoint(endpoint, protocol);
                }));
            services.AddHostedService<TraceFlusher>();
        }

        if (MetricsPort(builder.Configuration) is { } port)
        {
            builder.WebHost.UseUrls(MetricsListenAddresses.With(builder.Configuration[WebHostDefaults.ServerUrlsKey], port));
        }

        return builder;
    }

    /// <summary>
    /// With a metrics port, the port separation: call it before anything that can answer a request
    /// (the cache hits included), so that the metrics port answers nothing but <c>/metrics</c>.
    /// </summary>
    public static IApplicationBuilder UseMetricsPort(this WebApplication app)
    {
        if (MetricsPort(app.Configuration) is { } port)
        {
            app.UseMiddleware<MetricsPortMiddleware>(port);
        }

        return app;
    }

    /// <summary>
    /// The request metrics, right after the cache hits (which record themselves, more cheaply): every
    /// other request is timed and labelled here.
    /// </summary>
    public static IApplicationBuilder UseRequestMetrics(this IApplicationBuilder app) =>
        app.UseMiddleware<RequestMetricsMiddleware>();

    /// <summary><c>/metrics</c> in Prometheus text format (on the metrics port only, when one is set).</summary>
    public static IEndpointRouteBuilder MapGatewayTelemetry(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPrometheusScrapingEndpoint(MetricsPortMiddleware.MetricsPath);
        return endpoints;
    }

    private static int? MetricsPort(IConfiguration configuration) =>
        int.TryParse(configuration[$"{TelemetryOptions.SectionName}:MetricsPort"], out var port) && port is >= 1 and <= 65535 ? port : null;
}
