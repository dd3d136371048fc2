using OpenTelemetry.Exporter;

namespace PatrolScores.Gateway.Telemetry;

/// <summary>Reads <c>Telemetry:Otlp:Protocol</c>: the two names OpenTelemetry's exporter knows.</summary>
internal static class OtlpProtocols
{
    public static bool TryParse(string? value, out OtlpExportProtocol protocol)
    {
        protocol = OtlpExportProtocol.Grpc;
        if (string.IsNullOrWhiteSpace(value) || string.Equals(value, "Grpc", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        if (string.Equals(value, "HttpProtobuf", StringComparison.OrdinalIgnoreCase))
        {
            protocol = OtlpExportProtocol.HttpProtobuf;
            return true;
        }

        return false;
    }

    /// <summary>An absolute http(s) address, the only kind a collector has.</summary>
    public static bool TryGetEndpoint(string? value, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out Uri? endpoint) =>
        Uri.TryCreate(value, UriKind.Absolute, out endpoint) && (endpoint.Scheme == Uri.UriSchemeHttp || endpoint.Scheme == Uri.UriSchemeHttps);

    /// <summary>
    /// With HTTP/protobuf an endpoint set in code is used as given, so the signal's path is added here
    /// when the operator gave only the collector's address (as with the OTEL_* variables).
    /// </summary>
    public static Uri TracesEndpoint(Uri endpoint, OtlpExportProtocol protocol) =>
        protocol == OtlpExportProtocol.HttpProtobuf && endpoint.AbsolutePath is "/" or ""
            ? new Uri(endpoint, "v1/traces")
            : endpoint;
}
