using PatrolScores.Gateway.Concurrency;
using PatrolScores.Gateway.Devices;
using PatrolScores.Gateway.Errors;
using PatrolScores.Gateway.Osm.Guard;
using PatrolScores.Gateway.Osm.Tokens;
using PatrolScores.Gateway.Proxy;
using PatrolScores.Gateway.Storage.Ephemeral;
using PatrolScores.Gateway.Storage.Records;
using PatrolScores.Gateway.Telemetry;
using PatrolScores.Gateway.Terms;
using PatrolScores.Transforms.Patrols;
using PatrolScores.Transforms.Upstream;
using Yarp.ReverseProxy.Forwarder;

namespace PatrolScores.Gateway.Patrols;

/// <summary>
/// The patrols route in YARP's pipeline: a fresh cache entry is served from memory; otherwise one
/// request per (section, term) — across replicas — forwards through YARP (the rest of the pipeline)
/// while the others wait for its result; when OSM says no, the last good copy is served, marked.
/// </summary>
internal sealed partial class PatrolScoresMiddleware(
    RequestDelegate next,
    ScoreCache cache,
    SectionTerms terms,
    FreshnessPolicy freshness,
    OsmCredentials credentials,
    OsmBlocks blocks,
    FetchBackoffs backoffs,
    IDistributedLockProvider locks,
    GatewayMetrics metrics,
    TimeProvider time,
    ILogger<PatrolScoresMiddleware> logger)
{
    private static readonly TimeSpan FetchLease = TimeSpan.FromSeconds(30);

    private readonly SingleFlight<ScoreCacheKey, FetchResult> _flights = new();

    public Task InvokeAsync(HttpContext context)
    {
        if (!RouteKinds.IsPatrols(context) || context.Features.Get<DeviceIdentity>() is not { } device)
        {
            return next(context);
        }

        if (device.SectionId is not { } sectionId)
        {
            return ErrorResponses.WriteAsync(context, StatusCodes.Status400BadRequest, ErrorCodes.SectionNotConfigured, "This device has no section; pair it again and choose one.");
        }

        return ServeAsync(context, device, sectionId);
    }

    private async Task ServeAsync(HttpContext context, DeviceIdentity device, long sectionId)
    {
        var term = await terms.ResolveAsync(device.OsmUserId, sectionId, context.RequestAborted);
        if (term.Kind != TermResolutionKind.Found)
        {
            await WriteTermProblemAsync(context, term);
            return;
        }

        var key = new ScoreCacheKey(sectionId, term.TermId!.Value);
        var now = time.GetUtcNow();
        if (cache.TryGetFresh(key, now, out var fresh))
        {
            metrics.CacheHit(now - fresh.CachedAt);
            await DeviceBodyWriter.WriteAsync(context, fresh.HitBody, "HIT", fresh.ValidUntil, now);
            return;
        }

        metrics.CacheMiss();
        if (backoffs.TryGet(key, now, out var backoff))
        {
            // A fetch failed or was refused moments ago: answer as it did, without asking OSM again.
            if (backoff.Result.ErrorType != "reauthorization_required" && await cache.GetLatestAsync(key, context.RequestAborted) is { } held)
            {
                await WriteStaleAsync(context, held, backoff.State, backoff.Until, now);
            }
            else
            {
                await WriteNoCopyAsync(context, backoff.Result, backoff.State, backoff.Until, now);
            }

            return;
        }

        var result = await _flights.RunAsync(key, () => FetchAsync(context, device, key));
        await RespondAsync(context, device, key, result);
    }

    private async Task<FetchResult> FetchAsync(HttpContext context, DeviceIdentity device, ScoreCacheKey key)
    {
        var cancellation = context.RequestAborted;
        var latest = await cache.GetLatestAsync(key, cancellation);
        if (latest is not null && latest.ValidUntil > time.GetUtcNow())
        {
            return FetchResult.FromCache(latest);
        }

        if (await blocks.RefusalAsync(device.OsmUserId, cancellation) is { } refusal)
        {
            return FetchResult.Refused(refusal);
        }

        await using var held = await locks.TryAcquireAsync($"fetch:{key}", FetchLease, cancellation);
        if (held is null)
        {
            return await WaitForOtherReplicaAsync(key, latest, cancellation);
        }

        // Another replica may have finished just before we took the lock.
        latest = await cache.GetLatestAsync(key, cancellation);
        if (latest is not null && latest.ValidUntil > time.GetUtcNow())
        {
            return FetchResult.FromCache(latest);
        }

        var credential = await credentials.GetAsync(device.OsmUserId, cancellation);
        if (credential.AccessToken is not { } accessToken)
        {
            return FetchResult.Failed(credential.IsUnavailable ? "token_refresh_unavailable" : "reauthorization_required");
        }

        context.Features.Set(new OsmCallContext { UserId = device.OsmUserId, SectionId = key.SectionId, TermId = key.TermId, AccessToken = accessToken });
        await next(context);
        return await EvaluateAsync(context, device, key);
    }

    private async Task<FetchResult> EvaluateAsync(HttpContext context, DeviceIdentity device, ScoreCacheKey key)
    {
        if (context.Features.Get<IForwarderErrorFeature>() is { } error)
        {
            if (error.Exception is OsmCallRefusedException refused)
            {
                return FetchResult.Refused(refused);
            }

            var type = error.Error is ForwarderError.RequestTimedOut ? "timeout" : "network";
            metrics.FetchFailed(type);
            terms.Invalidate(key.SectionId);
            LogFetchFailed(key.SectionId, type, device.LogId);
            return FetchResult.Failed(type);
        }

        var outcome = context.Features.Get<PatrolFetchOutcome>();
        if (outcome is null)
        {
            metrics.FetchFailed("no_response");
            return FetchResult.Failed("no_response");
        }

        if (outcome.Signals.Blocked || outcome.UpstreamStatus == StatusCodes.Status429TooManyRequests)
        {
            metrics.FetchFailed(outcome.Signals.Blocked ? "service_blocked" : "rate_limited");
            return await blocks.RefusalAsync(device.OsmUserId, context.RequestAborted) is { } refusal
                ? FetchResult.Refused(refusal)
                : FetchResult.Failed("rate_limited");
        }

        if (outcome.UpstreamStatus == StatusCodes.Status401Unauthorized)
        {
            // The token was refused: the next poll refreshes it once instead of waiting out a back-off.
            metrics.FetchFailed("upstream_unauthorized");
            await credentials.ExpireAsync(device.OsmUserId, CancellationToken.None);
            return FetchResult.Failed("upstream_unauthorized");
        }

        if (outcome.UpstreamStatus != StatusCodes.Status200OK || outcome.Payload is null)
        {
            var type = outcome.UpstreamStatus >= 500 ? "upstream_5xx" : "upstream_4xx";
            metrics.FetchFailed(type);
            terms.Invalidate(key.SectionId);
            LogFetchStatus(key.SectionId, outcome.UpstreamStatus, device.LogId);
            return FetchResult.Failed(type);
        }

        if (!outcome.Payload.IsValid)
        {
            metrics.FetchFailed("invalid_payload");
            LogInvalidPayload(key.SectionId, outcome.Payload.Problem ?? "unknown");
            return FetchResult.Failed("invalid_payload");
        }

        var now = time.GetUtcNow();
        var remaining = outcome.Signals.Remaining;
        var entry = new ScoreEntry(
            key,
            DevicePatrolsJson.SerializePatrolsArray(outcome.Payload.Patrols),
            TruncateToSecond(now),
            TruncateToSecond(now + freshness.TtlFor(remaining)),
            freshness.StateFor(remaining));
        await cache.StoreAsync(entry, CancellationToken.None);
        backoffs.Remove(key);
        metrics.FetchSucceeded();
        return FetchResult.FromUpstream(entry);
    }

    private async Task<FetchResult> WaitForOtherReplicaAsync(ScoreCacheKey key, ScoreEntry? before, CancellationToken cancellation)
    {
        var latest = await OtherReplica.WaitForAsync(
            async ct => await cache.GetLatestAsync(key, ct) is { } entry
                && (before is null || entry.CachedAt > before.CachedAt || entry.ValidUntil > time.GetUtcNow()) ? entry : null,
            cancellation);
        return latest is null ? FetchResult.Failed("lock_timeout") : FetchResult.FromCache(latest);
    }

    private async Task RespondAsync(HttpContext context, DeviceIdentity device, ScoreCacheKey key, FetchResult result)
    {
        var now = time.GetUtcNow();
        if (result.Entry is { } entry)
        {
            var body = result.Fetched ? entry.Body(fromCache: false, entry.ValidUntil, entry.State) : entry.HitBody;
            await DeviceBodyWriter.WriteAsync(context, body, result.Fetched ? "MISS" : "HIT", entry.ValidUntil, now);
            return;
        }

        var (state, retryAt) = result.Refusal switch
        {
            { Refusal: OsmRefusal.ServiceBlocked } => (RateLimitState.ServiceBlocked, now + freshness.Current.BlockedRetry),
            { Until: { } until } => (RateLimitState.UserTemporaryBlock, until),
            _ => (RateLimitState.None, now + freshness.Current.RetryAfterFailure),
        };
        if (result.ErrorType != "upstream_unauthorized")
        {
            backoffs.Set(key, new FetchBackoff(retryAt, state, result));
        }

        // A leader who must sign in again is told at once: stale scores would hide it until they lapse.
        if (result.ErrorType != "reauthorization_required" && await cache.GetLatestAsync(key, CancellationToken.None) is { } stale)
        {
            await WriteStaleAsync(context, stale, state == RateLimitState.None ? stale.State : state, retryAt, now);
            return;
        }

        await WriteNoCopyAsync(context, result, state, retryAt, now);
    }

    private Task WriteStaleAsync(HttpContext context, ScoreEntry stale, RateLimitState state, DateTimeOffset retryAt, DateTimeOffset now)
    {
        metrics.ServedStale(now - stale.CachedAt);
        return DeviceBodyWriter.WriteAsync(context, stale.Body(fromCache: true, retryAt, state), "HIT", retryAt, now);
    }

    private static Task WriteNoCopyAsync(HttpContext context, FetchResult result, RateLimitState state, DateTimeOffset retryAt, DateTimeOffset now) => state switch
    {
        RateLimitState.ServiceBlocked => ErrorResponses.WriteAsync(context, StatusCodes.Status503ServiceUnavailable, ErrorCodes.ServiceBlocked,
            "OSM has blocked this service; scores return once an operator lifts the block.", retryAt - now),
        RateLimitState.UserTemporaryBlock => ErrorResponses.WriteAsync(context, StatusCodes.Status429TooManyRequests, ErrorCodes.RateLimited,
            "OSM's hourly limit for this leader is used up; try again after blocked_until.", retryAt - now, retryAt),
        _ when result.ErrorType == "token_refresh_unavailable" => ErrorResponses.WriteAsync(context, StatusCodes.Status503ServiceUnavailable, ErrorCodes.UpstreamUnavailable,
            "OSM cannot be reached right now; try again shortly. The device stays paired.", retryAt - now),
        _ when result.ErrorType == "reauthorization_required" => ErrorResponses.WriteAsync(context, StatusCodes.Status401Unauthorized, ErrorCodes.ReauthorizationRequired,
            "The leader who paired this device must sign in to OSM again."),
        _ => ErrorResponses.WriteAsync(context, StatusCodes.Status502BadGateway, ErrorCodes.UpstreamError,
            "OSM did not answer as expected; try again shortly.", retryAt - now),
    };

    private Task WriteTermProblemAsync(HttpContext context, TermResolution term)
    {
        var now = time.GetUtcNow();
        return term.Kind switch
        {
            TermResolutionKind.NotInTerm => ErrorResponses.WriteAsync(context, StatusCodes.Status409Conflict, ErrorCodes.NotInTerm, "The section is between terms; scores return when the next term starts."),
            TermResolutionKind.SectionNotFound => ErrorResponses.WriteAsync(context, StatusCodes.Status400BadRequest, ErrorCodes.SectionNotFound, "The section is no longer in the leader's OSM profile; pair the device again."),
            TermResolutionKind.Refused => WriteNoCopyAsync(context, FetchResult.Refused(term.Refusal!),
                term.Refusal!.Refusal == OsmRefusal.ServiceBlocked ? RateLimitState.ServiceBlocked : RateLimitState.UserTemporaryBlock,
                term.Refusal.Until ?? now + freshness.Current.BlockedRetry, now),
            TermResolutionKind.ReauthorizationRequired => ErrorResponses.WriteAsync(context, StatusCodes.Status401Unauthorized, ErrorCodes.ReauthorizationRequired, "The leader who paired this device must sign in to OSM again."),
            TermResolutionKind.UpstreamUnavailable => ErrorResponses.WriteAsync(context, StatusCodes.Status503ServiceUnavailable, ErrorCodes.UpstreamUnavailable, "OSM cannot be reached right now; try again shortly. The device stays paired.", freshness.Current.RetryAfterFailure),
            _ => ErrorResponses.WriteAsync(context, StatusCodes.Status502BadGateway, ErrorCodes.UpstreamError, "OSM did not answer as expected; try again shortly.", freshness.Current.RetryAfterFailure),
        };
    }

    private static DateTimeOffset TruncateToSecond(DateTimeOffset value) =>
        new(value.Ticks - (value.Ticks % TimeSpan.TicksPerSecond), value.Offset);

    [LoggerMessage(EventId = 5001, Level = LogLevel.Warning, Message = "Section {SectionId}: patrol fetch failed ({ErrorType}) for device {DeviceLogId}")]
    private partial void LogFetchFailed(long sectionId, string errorType, string deviceLogId);

    [LoggerMessage(EventId = 5002, Level = LogLevel.Warning, Message = "Section {SectionId}: OSM answered HTTP {StatusCode} for device {DeviceLogId}")]
    private partial void LogFetchStatus(long sectionId, int statusCode, string deviceLogId);

    [LoggerMessage(EventId = 5003, Level = LogLevel.Warning, Message = "Section {SectionId}: OSM's patrols payload was invalid and not cached: {Problem}")]
    private partial void LogInvalidPayload(long sectionId, string problem);
}
