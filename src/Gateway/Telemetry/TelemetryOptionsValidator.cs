using Microsoft.Extensions.Options;

namespace PatrolScores.Gateway.Telemetry;

internal sealed class TelemetryOptionsValidator : IValidateOptions<TelemetryOptions>
{
    public ValidateOptionsResult Validate(string? name, TelemetryOptions options)
    {
        var failures = new List<string>();
        if (options.MetricsPort is { } port && port is < 1 or > 65535)
        {
            failures.Add("Telemetry:MetricsPort must be a TCP port between 1 and 65535 (or unset to serve /metrics on the main port).");
        }

        var otlp = options.Otlp;
        if (otlp.IsConfigured && !OtlpProtocols.TryGetEndpoint(otlp.Endpoint, out _))
        {
            failures.Add("Telemetry:Otlp:Endpoint must be an absolute http or https address of an OTLP collector (or empty for no tracing).");
        }

        if (!OtlpProtocols.TryParse(otlp.Protocol, out _))
        {
            failures.Add("Telemetry:Otlp:Protocol must be Grpc or HttpProtobuf.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
