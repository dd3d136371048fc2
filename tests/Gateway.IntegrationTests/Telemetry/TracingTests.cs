using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Trace;
using PatrolScores.Gateway.IntegrationTests.Infrastructure;
using PatrolScores.Gateway.Osm.Guard;
using PatrolScores.Gateway.Patrols.Fetching;
using PatrolScores.Gateway.Storage;
using PatrolScores.Gateway.Telemetry;

namespace PatrolScores.Gateway.IntegrationTests.Telemetry;

/// <summary>
/// With <c>Telemetry:Otlp:Endpoint</c> set, a patrols miss is traced through YARP's forwarder and our
/// span around the OSM call (endpoint, status, user id), no span carries a token or a query string,
/// and the spans reach the OTLP collector when the gateway stops.
/// </summary>
/// <remarks>
/// A tracer provider listens to every activity source of its names in the process, so these run in
/// the collection that runs alone: other tests' requests would add their spans.
/// </remarks>
[Collection(MetricsCollection.Name)]
public sealed class TracingTests
{
    [Fact]
    public async Task A_patrols_miss_is_traced_through_yarp_and_the_osm_call_without_secrets()
    {
        await using var collector = await OtlpReceiver.StartAsync();
        var spans = new List<Activity>();
        await using var host = await StartTracedAsync(collector, spans);
        var token = await host.AddDeviceAsync();
        using var client = host.CreateClient();

        await GetPatrolsAsync(client, token);

        var snapshot = Snapshot(spans);
        // The fetch belongs to no request: a trace of its own, through the patrols route, linked to the
        // request that started it.
        var fetch = Assert.Single(snapshot, span => span.OperationName == PatrolsFetcher.FetchActivity);
        Assert.Equal("patrols", fetch.GetTagItem("proxy.route_id"));
        Assert.Equal("Fresh", fetch.GetTagItem("patrols.outcome"));
        var osmCalls = snapshot.Where(span => span.OperationName == OsmGuardHandler.UpstreamCallActivity).ToList();
        var patrolsCall = Assert.Single(osmCalls, span => Equals(span.GetTagItem("osm.endpoint"), "patrols"));
        Assert.Equal(ActivityKind.Client, patrolsCall.Kind);
        Assert.Equal(200, patrolsCall.GetTagItem("http.response.status_code"));
        Assert.Equal(100001L, patrolsCall.GetTagItem("osm.user_id"));
        Assert.Equal(fetch.SpanId, patrolsCall.ParentSpanId);
        Assert.Equal(fetch.TraceId, patrolsCall.TraceId);
        Assert.Contains(osmCalls, span => Equals(span.GetTagItem("osm.endpoint"), "resource"));
        // The gateway's own server span (the simulator, in this process too, has its own) is the fetch's link.
        var server = Assert.Single(snapshot, span => span.Kind == ActivityKind.Server && Equals(span.GetTagItem("http.route"), "/api/v1/patrols"));
        Assert.Contains(fetch.Links, link => link.Context.SpanId == server.SpanId && link.Context.TraceId == server.TraceId);
        Assert.Contains(snapshot, span => span.Kind == ActivityKind.Client && span.Source.Name != GatewayTracing.SourceName);

        var secrets = await host.SecretsAsync();
        var tags = snapshot.SelectMany(span => span.TagObjects.Select(tag => $"{span.OperationName} {tag.Key}={tag.Value}")).ToList();
        Assert.NotEmpty(tags);
        Assert.DoesNotContain(tags, tag => secrets.Any(secret => tag.Contains(secret, StringComparison.Ordinal)));
        Assert.DoesNotContain(tags, tag => tag.Contains('?', StringComparison.Ordinal) || tag.Contains("sectionid", StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain(tags, tag => tag.Contains("url.query", StringComparison.Ordinal) || tag.Contains("url.path", StringComparison.Ordinal));
        Assert.DoesNotContain(snapshot, span => span.DisplayName.Contains(token, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Spans_still_held_by_the_batch_exporter_are_sent_when_the_gateway_stops()
    {
        await using var collector = await OtlpReceiver.StartAsync();
        var spans = new List<Activity>();
        var host = await StartTracedAsync(collector, spans);
        string token;
        HashSet<string> secrets;
        try
        {
            token = await host.AddDeviceAsync();
            using var client = host.CreateClient();
            await GetPatrolsAsync(client, token);
            secrets = await host.SecretsAsync();

            // The batch delay is ten minutes: the spans are recorded, but nothing has gone out yet.
            Assert.Contains(Snapshot(spans), span => span.OperationName == OsmGuardHandler.UpstreamCallActivity);
            Assert.Equal(0, collector.TraceExports);
        }
        finally
        {
            await host.DisposeAsync();
        }

        // Stopping the host flushed the batch (TraceFlusher), long before the batch delay. Under the
        // test host the entry point also stops and disposes the app on its own flow: allow it a moment.
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (collector.TraceExports == 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }

        Assert.True(collector.TraceExports >= 1, "no trace export reached the collector at shutdown");
        var exported = collector.Exports.Select(bytes => Encoding.UTF8.GetString(bytes)).ToList();
        Assert.Contains(exported, body => body.Contains("osm.endpoint", StringComparison.Ordinal) && body.Contains("proxy.route_id", StringComparison.Ordinal));
        Assert.DoesNotContain(exported, body => secrets.Any(secret => body.Contains(secret, StringComparison.Ordinal)));
    }

    private static Task<PatrolsTestHost> StartTracedAsync(OtlpReceiver collector, List<Activity> spans) =>
        PatrolsTestHost.StartAsync(
            StorageMode.Embedded,
            settings: new Dictionary<string, string?>
            {
                ["Telemetry:Otlp:Endpoint"] = collector.Endpoint,
                ["Telemetry:Otlp:Protocol"] = "HttpProtobuf",
                ["OTEL_BSP_SCHEDULE_DELAY"] = "600000",
            },
            services: services => services.ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddInMemoryExporter(spans)));

    private static List<Activity> Snapshot(List<Activity> spans)
    {
        lock (spans)
        {
            return [.. spans];
        }
    }

    private static async Task GetPatrolsAsync(HttpClient client, string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/patrols");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await client.SendAsync(request);
        Assert.True(response.IsSuccessStatusCode, $"HTTP {(int)response.StatusCode}");
    }
}
