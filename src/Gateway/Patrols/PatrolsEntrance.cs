using Microsoft.AspNetCore.Http.Features;
using PatrolScores.Gateway.Devices;
using PatrolScores.Gateway.Errors;
using PatrolScores.Gateway.Osm.Terms;
using PatrolScores.Gateway.Patrols.Fetching;
using PatrolScores.Gateway.Storage.Ephemeral;
using PatrolScores.Gateway.Telemetry;

namespace PatrolScores.Gateway.Patrols;

/// <summary>
/// The one entrance of the patrols route (<c>GET /api/v1/patrols</c> and any route with
/// <c>PatrolScores.Kind: patrols</c>): it authenticates the device (<see cref="DeviceAuthenticator"/>),
/// resolves the section's term, answers a fresh hit from memory, asks the <see cref="PatrolsFetcher"/>
/// otherwise (a board pointed at its leader's local teams is answered by <c>LocalBoards</c>), and turns the outcome into the device's answer with <see cref="PatrolsAnswerPolicy"/>.
/// A scoreboard's usual poll (a remembered token, a term known in memory, a fresh first-level entry)
/// is answered without I/O, hashing or allocation. It records the request metric itself.
/// Bodies: the device contract (design card), e.g. <c>{"patrols":[{"id":"72699","name":"Eagles","score":32}],
/// "from_cache":true,"cached_at":"2026-11-23T14:30:00Z","cache_expires_at":"2026-11-23T14:35:00Z",
/// "rate_limit_state":"NONE"}</c> with <c>X-Cache: HIT|MISS</c>; errors as JSON with stable codes.
/// </summary>
internal sealed partial class PatrolsEntrance(
    DeviceAuthenticator devices,
    SectionTerms terms,
    ScoreCache cache,
    PatrolsFetcher fetcher,
    FreshnessPolicy freshness,
    GatewayMetrics metrics,
    HttpRequestMetrics requests,
    Microsoft.Extensions.Options.IOptionsMonitor<Live.LiveOptions> live,
    Refreshing.WatchedSections watched,
    Colours.SectionColours colours,
    LocalTeams.LocalBoards localBoards,
    TimeProvider time,
    ILogger<PatrolsEntrance> logger)
{
    /// <summary>The status recorded for a request whose client left before it was answered (nginx's convention).</summary>
    internal const int ClientClosedRequest = 499;

    /// <summary>Answers the request; <paramref name="routeId"/> is the YARP route it came in on (for metrics and the audit trail).</summary>
    public Task ServeAsync(HttpContext context, string routeId)
    {
        var started = time.GetTimestamp();
        var now = time.GetUtcNow();
        if (devices.TryRemembered(context.Request, now, out var device)
            && device.ShownSectionId is { } sectionId
            && terms.TryGetCurrent(sectionId, now, out var termId)
            && colours.TryGetCurrent(sectionId, now, out var colourSet)
            && cache.TryGetFresh(new ScoreCacheKey(sectionId, termId), now, out var entry))
        {
            watched.Seen(entry.Key, device.OsmUserId, device.Id, now);
            var written = WriteHitAsync(context, entry, colourSet, now);
            if (written.IsCompletedSuccessfully)
            {
                requests.RecordCacheHit(routeId, time.GetElapsedTime(started));
                return written;
            }

            return RecordHitWhenWrittenAsync(written, routeId, started);
        }

        return ServeFullAsync(context, routeId, started);
    }

    // The one place a fresh hit is answered: the entry's pre-serialized body.
    private Task WriteHitAsync(HttpContext context, ScoreEntry entry, PatrolColourSet colourSet, DateTimeOffset now)
    {
        metrics.CacheHit(now - entry.CachedAt);
        return DeviceAnswerWriter.WriteHitAsync(context, entry, colourSet, now, live.CurrentValue.Enabled);
    }

    private async Task RecordHitWhenWrittenAsync(Task written, string routeId, long started)
    {
        await written;
        requests.RecordCacheHit(routeId, time.GetElapsedTime(started));
    }

    private async Task ServeFullAsync(HttpContext context, string routeId, long started)
    {
        var auth = RequestAuthKinds.Anonymous;

        // Answered before routing, so the server span (when traced) is told its route here.
        context.Features.Get<IHttpActivityFeature>()?.Activity.SetTag("http.route", context.Request.Path.Value);
        try
        {
            if (await devices.AuthenticateAsync(context, $"{context.Request.Method} {routeId}") is { } device)
            {
                auth = RequestAuthKinds.Device;
                await AnswerAsync(context, device);
            }

            requests.Record(routeId, context.Response.StatusCode, auth, time.GetElapsedTime(started));
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The device gave up: its wait ends here; the shared work it joined goes on for the others.
            requests.Record(routeId, ClientClosedRequest, auth, time.GetElapsedTime(started));
        }
        catch (Exception exception)
        {
            requests.Record(routeId, UnhandledErrors.StatusFor(exception), auth, time.GetElapsedTime(started));
            throw;
        }
    }

    private async Task AnswerAsync(HttpContext context, AuthenticatedDevice authenticated)
    {
        var answer = await DecideAsync(authenticated, context.RequestAborted);
        await DeviceAnswerWriter.WriteAsync(context, answer, time.GetUtcNow(), live.CurrentValue.Enabled);
    }

    /// <summary>
    /// What an authenticated board is told now, by the poll's rules: the section's term, a fresh copy, else
    /// the fetcher's outcome through <see cref="PatrolsAnswerPolicy"/>. The poll writes it; the live stream
    /// (<c>/api/v1/patrols/stream</c>) sends it as an event. <paramref name="waiting"/> only ends this caller's wait.
    /// </summary>
    internal async Task<DeviceAnswer> DecideAsync(AuthenticatedDevice authenticated, CancellationToken waiting)
    {
        var device = authenticated.Record;
        if (device.ShowsLocalTeams)
        {
            // The leader's local teams: from the records, never OSM.
            return await localBoards.DecideAsync(device.OsmUserId, waiting);
        }

        if (device.ShownSectionId is not { } sectionId)
        {
            return PatrolsAnswerPolicy.SectionNotConfigured;
        }

        var term = await terms.ResolveAsync(device.OsmUserId, sectionId, waiting);
        var now = time.GetUtcNow();
        if (term.Kind != TermResolutionKind.Found)
        {
            var options = freshness.Current;
            return PatrolsAnswerPolicy.ForTerm(term, now, options.BlockedRetry, options.RetryAfterFailure);
        }

        var key = new ScoreCacheKey(sectionId, term.TermId!.Value);
        var answer = await DecideScoresAsync(authenticated, key, waiting);
        return answer is DeviceAnswer.Scores scores ? scores with { Colours = await colours.GetAsync(sectionId, waiting) } : answer;
    }

    // The section's scores for its current term: a fresh copy, else the fetcher's outcome by the poll's rules.
    private async Task<DeviceAnswer> DecideScoresAsync(AuthenticatedDevice authenticated, ScoreCacheKey key, CancellationToken waiting)
    {
        var device = authenticated.Record;
        var sectionId = key.SectionId;
        var now = time.GetUtcNow();

        // The section is watched (the refresher keeps it fresh ahead of expiry) whatever this answer turns out to be.
        watched.Seen(key, device.OsmUserId, device.Id, now);
        if (cache.TryGetFresh(key, now, out var entry))
        {
            metrics.CacheHit(now - entry.CachedAt);
            return new DeviceAnswer.Scores(entry, Fetched: false, entry.State, entry.ValidUntil);
        }

        metrics.CacheMiss();
        var outcome = await fetcher.FetchAsync(new FetchRequest(key, device.OsmUserId), waiting);
        var lastCopy = outcome is FetchOutcome.Fresh ? null : await cache.GetLatestAsync(key, waiting);
        now = time.GetUtcNow();
        var answer = PatrolsAnswerPolicy.Decide(outcome, lastCopy, now);
        if (outcome is not FetchOutcome.Fresh && answer is DeviceAnswer.Scores stale)
        {
            metrics.ServedStale(now - stale.Entry.CachedAt);
        }

        LogAnswered(authenticated.LogId, sectionId, outcome.GetType().Name, answer is DeviceAnswer.Problem problem ? problem.Status : StatusCodes.Status200OK);
        return answer;
    }

    [LoggerMessage(EventId = 5010, Level = LogLevel.Debug, Message = "Device {DeviceLogId}: section {SectionId} missed the cache; the fetch came to {Outcome}, answered {StatusCode}")]
    private partial void LogAnswered(string deviceLogId, long sectionId, string outcome, int statusCode);
}
