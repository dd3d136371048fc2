using PatrolScores.Gateway.Hosting;
using PatrolScores.Gateway.Telemetry;

namespace PatrolScores.Gateway.Tests.Telemetry;

public sealed class TelemetryOptionsValidatorTests
{
    private readonly TelemetryOptionsValidator _validator = new();

    [Theory]
    [InlineData(null)]
    [InlineData(1)]
    [InlineData(9464)]
    [InlineData(65535)]
    public void A_metrics_port_is_unset_or_a_tcp_port(int? port) =>
        Assert.True(_validator.Validate(null, new TelemetryOptions { MetricsPort = port }).Succeeded);

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(65536)]
    public void Another_metrics_port_is_named(int port)
    {
        var result = _validator.Validate(null, new TelemetryOptions { MetricsPort = port });

        Assert.True(result.Failed);
        Assert.StartsWith("Telemetry:MetricsPort", Assert.Single(result.Failures!), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("", "Grpc", true)]
    [InlineData("http://collector:4317", "Grpc", true)]
    [InlineData("https://collector:4318", "HttpProtobuf", true)]
    [InlineData("collector:4317", "Grpc", false)]
    [InlineData("ftp://collector", "Grpc", false)]
    [InlineData("http://collector:4317", "Thrift", false)]
    public void The_otlp_endpoint_is_empty_or_an_http_address_and_the_protocol_known(string endpoint, string protocol, bool valid)
    {
        var options = new TelemetryOptions { Otlp = new OtlpTelemetryOptions { Endpoint = endpoint, Protocol = protocol } };

        Assert.Equal(valid, _validator.Validate(null, options).Succeeded);
    }

    [Theory]
    [InlineData("00:00:01", true)]
    [InlineData("00:00:30", true)]
    [InlineData("00:10:00", true)]
    [InlineData("00:00:00", false)]
    [InlineData("-00:00:01", false)]
    [InlineData("00:10:01", false)]
    public void The_shutdown_timeout_is_positive_and_at_most_ten_minutes(string timeout, bool valid)
    {
        var result = new ShutdownOptionsValidator().Validate(null, new ShutdownOptions { ShutdownTimeout = TimeSpan.Parse(timeout, System.Globalization.CultureInfo.InvariantCulture) });

        Assert.Equal(valid, result.Succeeded);
        if (!valid)
        {
            Assert.StartsWith("Hosting:ShutdownTimeout", Assert.Single(result.Failures!), StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("http://127.0.0.1:5080", "http://127.0.0.1:5080;http://127.0.0.1:9464")]
    [InlineData("http://+:8080;https://+:8443", "http://+:8080;https://+:8443;http://+:9464")]
    [InlineData("http://[::]:8080", "http://[::]:8080;http://[::]:9464")]
    [InlineData(null, "http://localhost:9464")]
    public void The_metrics_port_listens_on_the_hosts_of_urls(string? urls, string expected) =>
        Assert.Equal(expected, MetricsListenAddresses.With(urls, 9464));

    [Fact]
    public void Only_known_auth_kinds_are_labels()
    {
        Assert.Same(RequestAuthKind.For(RequestAuthKinds.Device), RequestAuthKind.For("device"));
        Assert.Throws<ArgumentOutOfRangeException>(() => RequestAuthKind.For("Bearer abc"));
    }
}
