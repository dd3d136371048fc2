using Microsoft.Extensions.Options;
using PatrolScores.Gateway.Devices;
using PatrolScores.Gateway.Pairing;
using PatrolScores.Gateway.Proxy;
using PatrolScores.Gateway.Storage.Ephemeral;
using PatrolScores.Gateway.Telemetry;
using PatrolScores.Gateway.Terms;

namespace PatrolScores.Gateway.Patrols;

/// <summary>
/// A scoreboard's usual poll, answered before routing: a remembered device token, a term known in
/// memory and a fresh first-level cache entry give the pre-serialized body with no I/O and no hashing.
/// Anything else (a new token, a term to check, a stale entry, an error) goes on to the full patrols
/// route in YARP's pipeline, which does the same checks the slow way.
/// </summary>
internal sealed class CacheHitMiddleware(
    RequestDelegate next,
    PatrolsRouteTable routes,
    DeviceLookup devices,
    SectionTerms terms,
    ScoreCache cache,
    GatewayMetrics metrics,
    HttpRequestMetrics requests,
    IOptionsMonitor<PairingOptions> pairing,
    TimeProvider time)
{
    private const string BearerPrefix = "Bearer ";

    public Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        if (!routes.IsPatrolsGet(request, out var routeId))
        {
            return next(context);
        }

        var started = time.GetTimestamp();
        var authorization = request.Headers.Authorization;
        var header = authorization.Count == 1 ? authorization[0].AsSpan() : default;
        if (!header.StartsWith(BearerPrefix, StringComparison.OrdinalIgnoreCase))
        {
            return next(context);
        }

        var now = time.GetUtcNow();
        if (!devices.TryGetRemembered(header[BearerPrefix.Length..].Trim(), now, out var device, out _, out var usage)
            || device is not { SectionId: { } sectionId }
            || !device.IsUsable(now, pairing.CurrentValue.UnusedDeviceLifetime)
            || !terms.TryGetCurrent(sectionId, now, out var termId)
            || !cache.TryGetFresh(new ScoreCacheKey(sectionId, termId), now, out var entry))
        {
            return next(context);
        }

        usage?.Touch(now);
        metrics.CacheHit(now - entry.CachedAt);

        var written = DeviceBodyWriter.WriteAsync(context, entry.HitBody, "HIT", entry.ValidUntil, now);
        if (written.IsCompletedSuccessfully)
        {
            requests.RecordCacheHit(routeId, time.GetElapsedTime(started));
            return written;
        }

        return RecordWhenWrittenAsync(written, routeId, started);
    }

    private async Task RecordWhenWrittenAsync(Task written, string routeId, long started)
    {
        await written;
        requests.RecordCacheHit(routeId, time.GetElapsedTime(started));
    }
}
