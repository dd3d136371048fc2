using System.Diagnostics;
using PatrolScores.Gateway.Concurrency;
using PatrolScores.Gateway.Osm.Guard;
using PatrolScores.Gateway.Osm.Terms;
using PatrolScores.Gateway.Osm.Tokens;
using PatrolScores.Gateway.Storage.Availability;
using PatrolScores.Gateway.Storage.Ephemeral;
using PatrolScores.Gateway.Telemetry;
using PatrolScores.Transforms.Patrols;
using PatrolScores.Transforms.Upstream;

namespace PatrolScores.Gateway.Patrols.Fetching;

/// <summary>
/// Brings a (section, term)'s scores up to date, paid for by one OSM user's quota. The fetch is
/// upstream work that belongs to no request: one flight per key in this process and one lock per key
/// across replicas, on the gateway's own deadline (<c>Osm:UpstreamDeadline</c>) and lifetime. A caller
/// only stops waiting when its own request ends; the fetch still completes and its copy is cached.
/// Requests call it today; the refresher and score entry call the same method, with no HttpContext.
/// </summary>
internal sealed partial class PatrolsFetcher(
    ScoreCache cache,
    SectionTerms terms,
    FreshnessPolicy freshness,
    OsmCredentials credentials,
    PatrolsForwarder forwarder,
    Live.ScoreChangeFeed changes,
    Live.ScoreVersions versions,
    Trends.ScoreTrends trends,
    FetchBackoffs backoffs,
    IDistributedLockProvider locks,
    StoreCircuits stores,
    SharedWorkDeadlines deadlines,
    GatewayMetrics metrics,
    TimeProvider time,
    ILogger<PatrolsFetcher> logger)
{
    /// <summary>The operation name of the span around one fetch (the parent of its <c>osm.request</c> spans).</summary>
    public const string FetchActivity = "patrols.fetch";

    private readonly SingleFlight<ScoreCacheKey, FetchOutcome> _flights = new(deadlines);

    /// <summary>
    /// The outcome for <paramref name="request"/>: a fresh copy, or why there is none. A failure
    /// answered moments ago is answered again, without a call, until its <see cref="FetchOutcome.NextAttemptAt"/>.
    /// </summary>
    /// <param name="waiting">The caller's token: it stops this caller's wait, never the fetch.</param>
    public Task<FetchOutcome> FetchAsync(FetchRequest request, CancellationToken waiting)
    {
        if (request.Mode == FetchMode.FromOsm)
        {
            return ReadFromOsmAsync(request, waiting);
        }

        if (backoffs.TryGet(request.Key, time.GetUtcNow(), out var remembered))
        {
            return Task.FromResult(remembered);
        }

        // A store is down (its circuit is open): quota, blocks and other replicas' copies are unknown, so
        // no call is made and nobody waits for a timeout. Not counted again: the outage is (gateway_store_up).
        if (stores.TryGetOutage(out _))
        {
            return Task.FromResult<FetchOutcome>(new FetchOutcome.StoreUnavailable(time.GetUtcNow() + Errors.UnhandledErrors.StoreRetry));
        }

        // The fetch is a trace of its own (it belongs to no request), linked to the one that started it.
        var requester = Activity.Current?.Context ?? default;
        return _flights.RunAsync(request.Key, work => FetchWithinDeadlineAsync(request, requester, work), waiting);
    }

    // Score entry's read: its own deadline (not a caller's), no flight shared with polls, no remembered failure.
    private async Task<FetchOutcome> ReadFromOsmAsync(FetchRequest request, CancellationToken waiting)
    {
        if (stores.TryGetOutage(out _))
        {
            return new FetchOutcome.StoreUnavailable(time.GetUtcNow() + Errors.UnhandledErrors.StoreRetry);
        }

        var requester = Activity.Current?.Context ?? default;
        using var deadline = deadlines.Start();
        return await FetchWithinDeadlineAsync(request, requester, deadline.Token).WaitAsync(waiting);
    }

    private async Task<FetchOutcome> FetchWithinDeadlineAsync(FetchRequest request, ActivityContext requester, CancellationToken deadline)
    {
        using var activity = requester == default
            ? GatewayTracing.Source.StartActivity(FetchActivity, ActivityKind.Internal, parentContext: default)
            : GatewayTracing.Source.StartActivity(FetchActivity, ActivityKind.Internal, parentContext: default, links: [new ActivityLink(requester)]);
        activity?.SetTag("patrols.section_id", request.Key.SectionId);
        activity?.SetTag("osm.user_id", request.PayingUserId);
        FetchOutcome outcome;
        try
        {
            outcome = await FetchOnceAsync(request, deadline);
        }
        catch (OsmCallRefusedException refused)
        {
            // The guard refused a call on the way (a token refresh): a block holds.
            outcome = Refusal(request.Key, refused);
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested)
        {
            outcome = new FetchOutcome.UpstreamFailed(UpstreamFailure.Timeout, time.GetUtcNow() + freshness.Current.RetryAfterFailure);
        }
        catch (Exception exception) when (Errors.UnhandledErrors.IsStoreFailure(exception))
        {
            stores.Report(exception);
            LogStoreUnavailable(request.Key.SectionId, exception.GetType().Name);
            outcome = new FetchOutcome.StoreUnavailable(time.GetUtcNow() + Errors.UnhandledErrors.StoreRetry);
        }

        Record(request, outcome);
        activity?.SetTag("patrols.outcome", outcome.GetType().Name);
        return outcome;
    }

    private async Task<FetchOutcome> FetchOnceAsync(FetchRequest request, CancellationToken cancellationToken)
    {
        var key = request.Key;
        var latest = await cache.GetLatestAsync(key, request.RefreshLead, cancellationToken);
        if (IsFreshEnough(latest, request))
        {
            return new FetchOutcome.Fresh(latest!, Fetched: false);
        }

        await using var held = request.Mode == FetchMode.FromOsm
            ? await OtherReplica.AcquireAsync(locks, $"fetch:{key}", deadlines.Lease, cancellationToken)
            : await locks.TryAcquireAsync($"fetch:{key}", deadlines.Lease, cancellationToken);
        if (held is null)
        {
            return request.Mode == FetchMode.FromOsm
                ? new FetchOutcome.UpstreamFailed(UpstreamFailure.OtherReplicaSilent, time.GetUtcNow() + freshness.Current.RetryAfterFailure)
                : await WaitForOtherReplicaAsync(key, latest, request.RefreshLead, cancellationToken);
        }

        // Another replica may have finished just before we took the lock.
        latest = await cache.GetLatestAsync(key, request.RefreshLead, cancellationToken);
        if (IsFreshEnough(latest, request))
        {
            return new FetchOutcome.Fresh(latest!, Fetched: false);
        }

        var credential = await credentials.GetAsync(request.PayingUserId, cancellationToken);
        if (credential.AccessToken is not { } accessToken)
        {
            return credential.IsUnavailable
                ? new FetchOutcome.CredentialUnavailable(time.GetUtcNow() + freshness.Current.RetryAfterFailure)
                : new FetchOutcome.ReauthorizationRequired();
        }

        var call = new OsmCallContext { UserId = request.PayingUserId, SectionId = key.SectionId, TermId = key.TermId, AccessToken = accessToken };
        var forwarded = await forwarder.ForwardAsync(call, cancellationToken);
        return await EvaluateAsync(request, forwarded, latest);
    }

    private async Task<FetchOutcome> EvaluateAsync(FetchRequest request, ForwardResult forwarded, ScoreEntry? previous)
    {
        var key = request.Key;
        var now = time.GetUtcNow();
        var retryAt = now + freshness.Current.RetryAfterFailure;
        if (forwarded.Refusal is { } refusal)
        {
            return Refusal(key, refusal);
        }

        if (forwarded.Outcome is not { } answer)
        {
            // No answer at all: the term is checked again too, in case the section moved on.
            terms.Invalidate(key.SectionId);
            return new FetchOutcome.UpstreamFailed(forwarded.Failure ?? UpstreamFailure.Network, retryAt);
        }

        var signals = answer.Signals;
        if (signals?.Blocked == true)
        {
            return new FetchOutcome.ServiceBlocked(now + freshness.Current.BlockedRetry);
        }

        if (answer.UpstreamStatus == StatusCodes.Status429TooManyRequests)
        {
            return UserLimited(key, signals?.UserBlockedUntil ?? now + freshness.Current.DefaultUserBlock);
        }

        if (answer.UpstreamStatus == StatusCodes.Status401Unauthorized)
        {
            // The token was refused: the next attempt refreshes it once instead of waiting out a back-off.
            await credentials.ExpireAsync(request.PayingUserId, CancellationToken.None);
            return new FetchOutcome.UpstreamFailed(UpstreamFailure.TokenRejected, retryAt);
        }

        if (answer.UpstreamStatus != StatusCodes.Status200OK || answer.Payload is null)
        {
            terms.Invalidate(key.SectionId);
            LogFetchStatus(key.SectionId, answer.UpstreamStatus);
            return new FetchOutcome.UpstreamFailed(UpstreamFailures.ForStatus(answer.UpstreamStatus), retryAt);
        }

        if (!answer.Payload.IsValid)
        {
            LogInvalidPayload(key.SectionId, answer.Payload.Problem ?? "unknown");
            return new FetchOutcome.InvalidPayload(answer.Payload.Problem ?? "unknown", retryAt);
        }

        var remaining = signals?.Remaining;
        var entry = new ScoreEntry(
            key,
            DevicePatrolsJson.SerializePatrolsArray(answer.Payload.Patrols),
            CachedAtFor(previous, now),
            TruncateToSecond((request.Mode == FetchMode.FromOsm ? now : ValidFrom(previous, now)) + freshness.TtlFor(remaining)),
            freshness.StateFor(remaining));
        try
        {
            await cache.StoreAsync(entry, CancellationToken.None);
        }
        catch (Exception exception) when (StoreFailures.Is(exception))
        {
            stores.Report(exception);
            // OSM was paid for this copy: this replica serves it from memory though the shared cache missed it.
            LogStoreUnavailable(key.SectionId, exception.GetType().Name);
        }

        // Boards are nudged only after the copy is readable, and only when the scores really changed. The one place a
        // changed copy appears (polls, refresh-ahead, score entry's read-back): its trend snapshot is kept here, after
        // boards are told; a store failure there is logged and counted, never the fetch's.
        if (previous is null || !previous.PatrolsJson.AsSpan().SequenceEqual(entry.PatrolsJson))
        {
            // Off by default (Debug); benchmarks/LiveRun reads its timestamp as the moment the copy was stored.
            LogNewCopy(key.SectionId, key.TermId);
            await versions.RecordAsync(entry);
            await changes.PublishAsync(new Live.ScoreChange(key, entry.CachedAt));
            await trends.RecordAsync(entry);
        }

        return new FetchOutcome.Fresh(entry, Fetched: true);
    }

    // A poll's copy has expired; a refresh-ahead's expires within its lead; score entry's read never takes a copy.
    private bool IsFreshEnough(ScoreEntry? latest, FetchRequest request) =>
        request.Mode != FetchMode.FromOsm && latest is not null && latest.ValidUntil > time.GetUtcNow() + request.RefreshLead;

    // A copy refreshed before it expired is valid from where the old one ends, not from now: refreshing ahead
    // then costs one call per TTL, as polling at expiry would (Refresh:Lead earlier, not more often).
    private static DateTimeOffset ValidFrom(ScoreEntry? previous, DateTimeOffset now) =>
        previous is not null && previous.ValidUntil > now ? previous.ValidUntil : now;

    private async Task<FetchOutcome> WaitForOtherReplicaAsync(ScoreCacheKey key, ScoreEntry? before, TimeSpan horizon, CancellationToken cancellationToken)
    {
        var latest = await OtherReplica.WaitForAsync(
            async ct => await cache.GetLatestAsync(key, horizon, ct) is { } entry
                && (before is null || entry.CachedAt > before.CachedAt || entry.ValidUntil > time.GetUtcNow() + horizon) ? entry : null,
            cancellationToken);
        return latest is null
            ? new FetchOutcome.UpstreamFailed(UpstreamFailure.OtherReplicaSilent, time.GetUtcNow() + freshness.Current.RetryAfterFailure)
            : new FetchOutcome.Fresh(latest, Fetched: false);
    }

    private FetchOutcome Refusal(ScoreCacheKey key, OsmCallRefusedException refusal) => refusal.Refusal == OsmRefusal.ServiceBlocked
        ? new FetchOutcome.ServiceBlocked(time.GetUtcNow() + freshness.Current.BlockedRetry)
        : UserLimited(key, refusal.Until ?? time.GetUtcNow() + freshness.Current.DefaultUserBlock);

    // The user's sections do not all ask again the moment the block ends (RefreshSpread).
    private FetchOutcome.UserLimited UserLimited(ScoreCacheKey key, DateTimeOffset blockEnd) =>
        new(RefreshSpread.After(blockEnd, key, freshness.Current.BlockEndSpread));

    // Counts the outcome once per fetch (not per waiter) and remembers a failure until it may be retried. Score entry's
    // failures are not remembered for the section: they were its leader's (their quota, their block), not the boards'.
    private void Record(FetchRequest request, FetchOutcome outcome)
    {
        var key = request.Key;
        if (outcome is FetchOutcome.Fresh { Fetched: true })
        {
            backoffs.Remove(key);
            metrics.FetchSucceeded();
            return;
        }

        if (FetchErrorTypes.Of(outcome) is { } errorType)
        {
            metrics.FetchFailed(errorType);
            LogFetchFailed(key.SectionId, errorType);
        }

        // A refused token is refreshed on the next attempt; a lost grant is told at once.
        if (request.Mode == FetchMode.FromOsm
            || outcome is FetchOutcome.UpstreamFailed { Kind: UpstreamFailure.TokenRejected } or FetchOutcome.ReauthorizationRequired or FetchOutcome.StoreUnavailable or FetchOutcome.Fresh)
        {
            return;
        }

        backoffs.Set(key, outcome);
    }

    // A copy's fetch time, in whole seconds as the wire shows it, is also its version (ScoreChange.Version: the
    // stream's event ids, Last-Event-ID, the kept versions). A copy fetched within the same second as the one
    // before it is dated one second later, so that each copy of a section is its own version: sharing one, the
    // newer copy was taken for the one a stream had already sent, and never sent.
    private static DateTimeOffset CachedAtFor(ScoreEntry? previous, DateTimeOffset now)
    {
        var at = TruncateToSecond(now);
        return previous is not null && at <= previous.CachedAt ? previous.CachedAt.AddSeconds(1) : at;
    }

    private static DateTimeOffset TruncateToSecond(DateTimeOffset value) =>
        new(value.Ticks - (value.Ticks % TimeSpan.TicksPerSecond), value.Offset);

    [LoggerMessage(EventId = 5001, Level = LogLevel.Warning, Message = "Section {SectionId}: patrol fetch failed ({ErrorType})")]
    private partial void LogFetchFailed(long sectionId, string errorType);

    [LoggerMessage(EventId = 5002, Level = LogLevel.Warning, Message = "Section {SectionId}: OSM answered HTTP {StatusCode} to the patrols fetch")]
    private partial void LogFetchStatus(long sectionId, int statusCode);

    [LoggerMessage(EventId = 5004, Level = LogLevel.Error, Message = "Section {SectionId}: a store did not answer ({ErrorType}); no call to OSM")]
    private partial void LogStoreUnavailable(long sectionId, string errorType);

    [LoggerMessage(EventId = 5005, Level = LogLevel.Debug, Message = "Section {SectionId}: a new copy of term {TermId} is stored and its scores changed; telling its boards")]
    private partial void LogNewCopy(long sectionId, long termId);

    [LoggerMessage(EventId = 5003, Level = LogLevel.Warning, Message = "Section {SectionId}: OSM's patrols payload was invalid and not cached: {Problem}")]
    private partial void LogInvalidPayload(long sectionId, string problem);
}
