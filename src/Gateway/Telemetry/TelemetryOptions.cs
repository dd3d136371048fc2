namespace PatrolScores.Gateway.Telemetry;

/// <summary>The <c>Telemetry</c> configuration section: where metrics are served and traces sent.</summary>
public sealed class TelemetryOptions
{
    public const string SectionName = "Telemetry";

    /// <summary>
    /// When set, <c>/metrics</c> is served on this port only (an extra listener on the hosts of
    /// <c>Urls</c>) and not on the public one; unset, it is served with everything else.
    /// </summary>
    public int? MetricsPort { get; set; }

    public OtlpTelemetryOptions Otlp { get; set; } = new();
}

/// <summary><c>Telemetry:Otlp</c>: the OTLP collector traces are exported to; no endpoint, no tracing.</summary>
public sealed class OtlpTelemetryOptions
{
    /// <summary>The collector's address, e.g. <c>http://otel-collector:4317</c> (gRPC) or <c>:4318</c> (HTTP).</summary>
    public string Endpoint { get; set; } = "";

    /// <summary><c>Grpc</c> (default) or <c>HttpProtobuf</c>.</summary>
    public string Protocol { get; set; } = "Grpc";

    public bool IsConfigured => !string.IsNullOrWhiteSpace(Endpoint);
}
