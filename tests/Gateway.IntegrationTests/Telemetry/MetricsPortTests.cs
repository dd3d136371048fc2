using System.Net;
using PatrolScores.Gateway.IntegrationTests.Infrastructure;

namespace PatrolScores.Gateway.IntegrationTests.Telemetry;

/// <summary>
/// <c>Telemetry:MetricsPort</c> over the real process and real sockets: Kestrel listens on the extra
/// port, <c>/metrics</c> answers there only, and that port answers nothing else.
/// </summary>
public sealed class MetricsPortTests
{
    [Fact]
    public async Task Metrics_are_served_on_the_metrics_port_only()
    {
        var metricsPort = GatewayProcess.FreePort();
        var database = Path.Combine(Directory.CreateTempSubdirectory("patrolscores-metricsport-").FullName, "records.db");
        await using var gateway = GatewayProcess.Start($"--Storage:Sqlite:Path={database}", $"--Telemetry:MetricsPort={metricsPort}");
        using var main = new HttpClient { BaseAddress = gateway.BaseAddress };
        using var metrics = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{metricsPort}/") };

        Assert.Equal(HttpStatusCode.OK, await PollAsync(main, "healthz", gateway));
        var publicMetrics = await main.GetAsync(new Uri("metrics", UriKind.Relative));
        var scrape = await metrics.GetAsync(new Uri("metrics", UriKind.Relative));
        var healthOnMetricsPort = await metrics.GetAsync(new Uri("healthz", UriKind.Relative));
        var patrolsOnMetricsPort = await metrics.GetAsync(new Uri("api/v1/patrols", UriKind.Relative));

        // A forged Host header does not open the public port's /metrics.
        using var forged = new HttpRequestMessage(HttpMethod.Get, "metrics");
        forged.Headers.Host = $"127.0.0.1:{metricsPort}";
        var forgedHost = await main.SendAsync(forged);

        Assert.Equal(HttpStatusCode.NotFound, publicMetrics.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, forgedHost.StatusCode);
        Assert.Equal(HttpStatusCode.OK, scrape.StatusCode);
        Assert.Contains("patrolscores_http_request_duration_seconds_count{otel_scope_name=\"PatrolScores.Gateway\",auth=\"anonymous\",route=\"/healthz\",status_code=\"200\"}", await scrape.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, healthOnMetricsPort.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, patrolsOnMetricsPort.StatusCode);
    }

    [Fact]
    public async Task Without_a_metrics_port_metrics_are_served_on_the_main_port()
    {
        var database = Path.Combine(Directory.CreateTempSubdirectory("patrolscores-metricsport-").FullName, "records.db");
        await using var gateway = GatewayProcess.Start($"--Storage:Sqlite:Path={database}");
        using var main = new HttpClient { BaseAddress = gateway.BaseAddress };

        Assert.Equal(HttpStatusCode.OK, await PollAsync(main, "healthz", gateway));
        var scrape = await main.GetAsync(new Uri("metrics", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, scrape.StatusCode);
        Assert.Contains("patrolscores_http_request_duration_seconds", await scrape.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private static async Task<HttpStatusCode> PollAsync(HttpClient client, string path, GatewayProcess gateway)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            try
            {
                return (await client.GetAsync(new Uri(path, UriKind.Relative))).StatusCode;
            }
            catch (HttpRequestException) when (DateTime.UtcNow < deadline && gateway.ExitCode is null)
            {
                await Task.Delay(100);
            }
        }
    }
}
