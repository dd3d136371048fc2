using System.Diagnostics;
using PatrolScores.Gateway.Patrols;
using PatrolScores.Gateway.Storage.Ephemeral;
using PatrolScores.Gateway.Storage.Records;
using PatrolScores.Gateway.Telemetry;
using PatrolScores.Transforms.Upstream;

namespace PatrolScores.Gateway.Osm.Guard;

/// <summary>
/// The one outbound guard for every call to OSM: YARP's forwarder client and every other OSM client
/// have it in their handler chain. Before sending it refuses while the global block or the user's
/// block holds; after every response it records the quota headers, turns a 429 into a user block and
/// <c>X-Blocked</c> (on any status) into the global block, and reports <c>X-Deprecated</c>. It is the only
/// reader of block state before a call and of those headers after it: what it read travels with the
/// request as <see cref="OsmRequestOptions.Signals"/>, for whoever holds the response.
/// </summary>
internal sealed partial class OsmGuardHandler(
    IGlobalBlockStore globalBlocks,
    IUserBlockStore userBlocks,
    IQuotaStore quotas,
    OsmUserCallGate userGate,
    Storage.Availability.StoreCircuits stores,
    FreshnessPolicy freshness,
    DeprecationNotices deprecations,
    Audit.AuditTrail audit,
    GatewayMetrics metrics,
    TimeProvider time,
    ILogger<OsmGuardHandler> logger) : DelegatingHandler
{
    /// <summary>The operation name of the span around each upstream call.</summary>
    public const string UpstreamCallActivity = "osm.request";

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var endpoint = OsmEndpointNames.For(request.RequestUri);
        request.Options.TryGetValue(OsmRequestOptions.UserId, out var userId);
        if (userId <= 0)
        {
            return await SendInTurnAsync(request, endpoint, userId, cancellationToken);
        }

        // One call at a time per OSM user, across replicas: the block check below sees what the
        // previous call's answer said.
        await using var turn = await userGate.EnterAsync(userId, cancellationToken);
        return await SendInTurnAsync(request, endpoint, userId, cancellationToken);
    }

    private async Task<HttpResponseMessage> SendInTurnAsync(HttpRequestMessage request, string endpoint, long userId, CancellationToken cancellationToken)
    {
        await RefuseWhileBlockedAsync(endpoint, userId, cancellationToken);

        // Null without a tracer listening. Tagged with names and numbers only: the request's URL (its
        // query) and headers (the bearer token) stay out of the span.
        using var activity = GatewayTracing.Source.StartActivity(UpstreamCallActivity, ActivityKind.Client);
        if (activity is not null)
        {
            activity.DisplayName = $"OSM {endpoint}";
            activity.SetTag("osm.endpoint", endpoint);
            activity.SetTag("osm.user_id", userId);
        }

        var started = time.GetTimestamp();
        HttpResponseMessage response;
        try
        {
            response = await base.SendAsync(request, cancellationToken);
        }
        catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            metrics.UpstreamCall(endpoint, 0, time.GetElapsedTime(started));
            activity?.SetStatus(ActivityStatusCode.Error, exception.GetType().Name);
            throw;
        }

        metrics.UpstreamCall(endpoint, (int)response.StatusCode, time.GetElapsedTime(started));
        if (activity is not null)
        {
            activity.SetTag("http.response.status_code", (int)response.StatusCode);
            if (!response.IsSuccessStatusCode)
            {
                activity.SetStatus(ActivityStatusCode.Error);
            }
        }

        // Read once, here; whoever holds the response acts on this reading (response.RequestMessage.Options).
        var signals = await ObserveAsync(endpoint, userId, UpstreamSignalsReader.Read(response, time));
        request.Options.Set(OsmRequestOptions.Signals, signals);
        return response;
    }

    private async Task RefuseWhileBlockedAsync(string endpoint, long userId, CancellationToken cancellationToken)
    {
        // A store is down: quota or block state may be unknown, and OSM blocks applications that ignore
        // its limits, so nothing is sent until the store answers again.
        if (stores.TryGetOutage(out var outage))
        {
            throw new Storage.Availability.StoreUnavailableException(outage);
        }

        var blocked = await globalBlocks.GetAsync(cancellationToken) is not null;
        metrics.ServiceBlocked(blocked);
        if (blocked)
        {
            LogRefusedGlobal(endpoint);
            throw new OsmCallRefusedException(OsmRefusal.ServiceBlocked, null);
        }

        if (userId > 0 && await userBlocks.GetAsync(userId, cancellationToken) is { } block)
        {
            LogRefusedUser(endpoint, userId, block.Until);
            throw new OsmCallRefusedException(OsmRefusal.UserBlocked, block.Until);
        }
    }

    private async Task<UpstreamSignals> ObserveAsync(string endpoint, long userId, UpstreamSignals signals)
    {
        var now = time.GetUtcNow();
        if (signals.Blocked)
        {
            // Recorded even if the caller gave up: the block matters more than the request.
            var set = await globalBlocks.SetAsync(new GlobalBlock($"X-Blocked on {endpoint} (HTTP {signals.StatusCode})", now), CancellationToken.None);
            metrics.ServiceBlocked(true);
            if (set)
            {
                metrics.BlockEvent("service");
                await audit.RecordAsync(new Audit.AuditEvent("osm", Audit.AuditActions.GlobalBlockSet, Audit.AuditOutcomes.Success, Target: endpoint, Detail: $"X-Blocked with HTTP {signals.StatusCode}"));
            }

            LogServiceBlocked(endpoint, signals.StatusCode);
        }

        if (userId > 0 && (signals.Limit is not null || signals.Remaining is not null || signals.ResetSeconds is not null))
        {
            var reset = Bounded(UpstreamWaits.QuotaReset(signals.ResetSeconds, freshness.Current.MaxUpstreamWait), endpoint, signals);
            var resetAt = now + reset;

            // Recorded even if the caller gave up: OSM counted the call, so the quota must say so.
            await quotas.RecordAsync(userId, new QuotaSnapshot(signals.Limit, signals.Remaining, resetAt, now), CancellationToken.None);
            metrics.Quota(userId, signals.Limit, signals.Remaining, resetAt);
            metrics.State(userId, freshness.StateFor(signals.Remaining));
            LogQuotaLevel(userId, signals.Remaining);
        }

        if (signals.StatusCode == 429 && userId > 0)
        {
            var options = freshness.Current;
            var wait = Bounded(UpstreamWaits.UserBlock(signals.RetryAfterSeconds, signals.ResetSeconds, options.DefaultUserBlock, options.MaxUpstreamWait), endpoint, signals);
            var until = now + wait;
            await userBlocks.SetAsync(new UserBlock(userId, until, $"HTTP 429 on {endpoint}", now), CancellationToken.None);
            metrics.BlockEvent("user");
            await audit.RecordAsync(new Audit.AuditEvent("osm", Audit.AuditActions.UserBlockSet, Audit.AuditOutcomes.Success, Target: $"user:{userId}", Detail: $"HTTP 429 on {endpoint}; blocked until {until:O}"));
            metrics.State(userId, RateLimitState.UserTemporaryBlock);
            LogUserBlocked(userId, endpoint, (int)wait.TotalSeconds);
            signals = signals with { UserBlockedUntil = until };
        }

        if (signals.Deprecated is { } date)
        {
            deprecations.Record(endpoint, date, now);
            LogDeprecated(endpoint, date);
        }

        return signals;
    }

    // OSM's waits are bounded (UpstreamWaits); a value out of bounds is logged and counted.
    private TimeSpan Bounded(UpstreamWait wait, string endpoint, UpstreamSignals signals)
    {
        if (wait.Clamped)
        {
            var sent = wait.Source == UpstreamWaitSource.RetryAfter ? signals.RetryAfterSeconds : signals.ResetSeconds;
            metrics.UpstreamWaitClamped(wait.Source);
            LogWaitClamped(endpoint, wait.Source.ToString(), sent ?? 0, (long)wait.Wait.TotalSeconds);
        }

        return wait.Wait;
    }

    private void LogQuotaLevel(long userId, int? remaining)
    {
        if (remaining is not { } left)
        {
            return;
        }

        var options = freshness.Current;
        if (left < options.ErrorBelow)
        {
            LogQuotaCritical(userId, left);
        }
        else if (left < options.WarnBelow)
        {
            LogQuotaLow(userId, left);
        }
    }

    [LoggerMessage(EventId = 2001, Level = LogLevel.Critical, Message = "OSM blocked this application: X-Blocked on {Endpoint} (HTTP {StatusCode}). Every OSM call stops until an operator clears the block.")]
    private partial void LogServiceBlocked(string endpoint, int statusCode);

    [LoggerMessage(EventId = 2002, Level = LogLevel.Warning, Message = "OSM rate-limited user {UserId} on {Endpoint}: no call for them for {Seconds} s")]
    private partial void LogUserBlocked(long userId, string endpoint, int seconds);

    [LoggerMessage(EventId = 2003, Level = LogLevel.Warning, Message = "OSM user {UserId} has {Remaining} requests left this hour")]
    private partial void LogQuotaLow(long userId, int remaining);

    [LoggerMessage(EventId = 2004, Level = LogLevel.Error, Message = "OSM user {UserId} has only {Remaining} requests left this hour")]
    private partial void LogQuotaCritical(long userId, int remaining);

    [LoggerMessage(EventId = 2005, Level = LogLevel.Warning, Message = "OSM marks {Endpoint} deprecated: it may be removed after {Date}")]
    private partial void LogDeprecated(string endpoint, string date);

    [LoggerMessage(EventId = 2008, Level = LogLevel.Warning, Message = "OSM's {Source} on {Endpoint} asked for a wait of {SentSeconds} s; bounded to {UsedSeconds} s (Freshness:MaxUpstreamWait)")]
    private partial void LogWaitClamped(string endpoint, string source, long sentSeconds, long usedSeconds);

    [LoggerMessage(EventId = 2006, Level = LogLevel.Debug, Message = "Refused a call to {Endpoint}: the global block holds")]
    private partial void LogRefusedGlobal(string endpoint);

    [LoggerMessage(EventId = 2007, Level = LogLevel.Debug, Message = "Refused a call to {Endpoint} for user {UserId}: blocked until {Until}")]
    private partial void LogRefusedUser(string endpoint, long userId, DateTimeOffset until);
}
