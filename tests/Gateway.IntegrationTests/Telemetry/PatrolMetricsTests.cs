using System.Net.Http.Headers;
using PatrolScores.Gateway.IntegrationTests.Infrastructure;
using PatrolScores.Gateway.Storage;

namespace PatrolScores.Gateway.IntegrationTests.Telemetry;

/// <summary>After real traffic, <c>/metrics</c> carries every metric of the patrol path with its labels.</summary>
[Collection(MetricsCollection.Name)]
public sealed class PatrolMetricsTests
{
    [Fact]
    public async Task Counters_that_alerts_rate_are_at_zero_from_the_start()
    {
        await using var host = await PatrolsTestHost.StartAsync(StorageMode.Embedded);
        using var client = host.CreateClient();

        var metrics = await client.GetStringAsync(new Uri("/metrics", UriKind.Relative));

        Assert.All(
            ["timeout", "network", "upstream_5xx", "upstream_4xx", "rate_limited", "service_blocked", "invalid_payload", "store_unavailable"],
            type => Assert.Contains($"patrol_fetch_errors_total{{otel_scope_name=\"PatrolScores.Gateway\",error_type=\"{type}\"}} 0", metrics, StringComparison.Ordinal));
        Assert.Contains("osm_block_events_total{otel_scope_name=\"PatrolScores.Gateway\",kind=\"service\"} 0", metrics, StringComparison.Ordinal);
        Assert.Contains("osm_block_events_total{otel_scope_name=\"PatrolScores.Gateway\",kind=\"user\"} 0", metrics, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_failed_term_lookup_is_counted_like_a_failed_fetch()
    {
        await using var host = await PatrolsTestHost.StartAsync(StorageMode.Embedded);
        var token = await host.AddDeviceAsync();
        using var client = host.CreateClient();
        host.Osm.Faults.ServerError = 502;

        using (var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/patrols"))
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            using var response = await client.SendAsync(request);
            Assert.Equal(System.Net.HttpStatusCode.BadGateway, response.StatusCode);
        }

        var metrics = await client.GetStringAsync(new Uri("/metrics", UriKind.Relative));

        Assert.Contains("patrol_fetch_errors_total{otel_scope_name=\"PatrolScores.Gateway\",error_type=\"upstream_5xx\"} 1", metrics, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Metrics_of_the_patrol_path_are_exported_with_their_labels()
    {
        await using var host = await PatrolsTestHost.StartAsync(StorageMode.Embedded);
        var token = await host.AddDeviceAsync();
        host.Osm.Faults.Deprecated = "2027-03-01";
        using var client = host.CreateClient();
        await GetPatrolsAsync(client, token);
        await GetPatrolsAsync(client, token);
        host.Osm.Faults.TooManyRequests = 600;
        host.Time.Advance(TimeSpan.FromMinutes(5));
        await GetPatrolsAsync(client, token);

        var metrics = await client.GetStringAsync(new Uri("/metrics", UriKind.Relative));

        // .ci/run checks the alert rules and the dashboard against this scrape of real traffic.
        if (Environment.GetEnvironmentVariable("PATROLSCORES_METRICS_SCRAPE") is { Length: > 0 } scrapePath)
        {
            await File.WriteAllTextAsync(scrapePath, metrics);
        }

        string[] expected =
        [
            "osm_rate_limit_remaining{otel_scope_name=\"PatrolScores.Gateway\",user_id=\"100001\"}",
            "osm_rate_limit_total{otel_scope_name=\"PatrolScores.Gateway\",user_id=\"100001\"} 1000",
            "osm_rate_limit_reset_seconds{otel_scope_name=\"PatrolScores.Gateway\",user_id=\"100001\"}",
            "osm_service_blocked{otel_scope_name=\"PatrolScores.Gateway\"} 0",
            "osm_block_events_total{otel_scope_name=\"PatrolScores.Gateway\",kind=\"user\"} 1",
            "osm_api_request_duration_seconds_bucket{otel_scope_name=\"PatrolScores.Gateway\",endpoint=\"patrols\",status_code=\"200\",le=\"0.005\"}",
            "osm_api_request_duration_seconds_count{otel_scope_name=\"PatrolScores.Gateway\",endpoint=\"patrols\",status_code=\"429\"} 1",
            "osm_api_request_duration_seconds_count{otel_scope_name=\"PatrolScores.Gateway\",endpoint=\"resource\",status_code=\"200\"} 1",
            "patrol_cache_hit_total{otel_scope_name=\"PatrolScores.Gateway\"} 1",
            "patrol_cache_miss_total{otel_scope_name=\"PatrolScores.Gateway\"} 2",
            "patrol_cache_age_seconds_bucket{otel_scope_name=\"PatrolScores.Gateway\",le=\"300\"}",
            "patrol_fetch_success_total{otel_scope_name=\"PatrolScores.Gateway\"} 1",
            "patrol_fetch_errors_total{otel_scope_name=\"PatrolScores.Gateway\",error_type=\"rate_limited\"} 1",
            "patrol_rate_limit_state{otel_scope_name=\"PatrolScores.Gateway\",user_id=\"100001\"} 2",
            "date=\"2027-03-01\"",
        ];
        Assert.All(expected, line => Assert.Contains(line, metrics, StringComparison.Ordinal));
        Assert.Contains(metrics.Split('\n'), line => line.StartsWith("osm_deprecation_notice{", StringComparison.Ordinal) && line.Contains("endpoint=\"patrols\"", StringComparison.Ordinal) && line.EndsWith(" 1", StringComparison.Ordinal));
        Assert.DoesNotContain(token, metrics, StringComparison.Ordinal);
    }

    private static async Task GetPatrolsAsync(HttpClient client, string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/patrols");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await client.SendAsync(request);
        Assert.True(response.IsSuccessStatusCode, $"HTTP {(int)response.StatusCode}");
    }
}
