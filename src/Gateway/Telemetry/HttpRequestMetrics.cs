using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace PatrolScores.Gateway.Telemetry;

/// <summary>
/// <c>patrolscores_http_request_duration_seconds</c>: every request the gateway answers, by route
/// template (or YARP route id), status code and authentication kind. The histogram's <c>_count</c> is the
/// request count. Labels are bounded: never a raw path, query or token.
/// </summary>
public sealed class HttpRequestMetrics
{
    // Boxed once: a status code passed as an int would be boxed on every request.
    private static readonly object[] BoxedStatusCodes = CreateStatusCodes();

    // Requests take microseconds (a cache hit) to the upstream timeout (10 s by default).
    private static readonly InstrumentAdvice<double> Buckets = new() { HistogramBucketBoundaries = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30] };

    private readonly Histogram<double> _duration;

    public HttpRequestMetrics(IMeterFactory meterFactory)
    {
        // The same meter name as GatewayMetrics: the factory hands back that meter, one otel_scope_name.
        var meter = meterFactory.Create(GatewayMetrics.MeterName);
        // A literal name: .ci/check-monitoring.sh reads instrument names from the source.
        _duration = meter.CreateHistogram<double>("patrolscores_http_request_duration", unit: "s", description: "Duration of HTTP requests answered by the gateway, by route, status code and authentication kind.", advice: Buckets);
    }

    public void Record(string route, int statusCode, string authKind, TimeSpan elapsed)
    {
        if (!_duration.Enabled)
        {
            return;
        }

        var tags = new TagList
        {
            { "route", route },
            { "status_code", statusCode is >= 100 and <= 599 ? BoxedStatusCodes[statusCode - 100] : BoxedStatusCodes[0] },
            { "auth", authKind },
        };
        _duration.Record(elapsed.TotalSeconds, in tags);
    }

    /// <summary>
    /// A fresh cache hit, recorded by the hit path itself with labels built once (route, 200,
    /// <c>device</c>): no per-request features to set and read, no tag list to build.
    /// </summary>
    public void RecordCacheHit(string route, TimeSpan elapsed)
    {
        if (!_duration.Enabled)
        {
            return;
        }

        var hit = _hitTags;
        if (hit is null || !string.Equals(hit.Route, route, StringComparison.Ordinal))
        {
            _hitTags = hit = new HitTags(route, [new("route", route), new("status_code", BoxedStatusCodes[StatusCodes.Status200OK - 100]), new("auth", RequestAuthKinds.Device)]);
        }

        _duration.Record(elapsed.TotalSeconds, hit.Tags);
    }

    private HitTags? _hitTags;

    private sealed record HitTags(string Route, KeyValuePair<string, object?>[] Tags);

    private static object[] CreateStatusCodes()
    {
        var codes = new object[500];
        for (var i = 0; i < codes.Length; i++)
        {
            codes[i] = i + 100;
        }

        return codes;
    }
}
