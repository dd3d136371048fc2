using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using PatrolScores.Gateway.Concurrency;
using PatrolScores.Gateway.Osm;
using PatrolScores.Gateway.Osm.Guard;
using PatrolScores.Gateway.Osm.Profile;
using PatrolScores.Gateway.Osm.Tokens;
using PatrolScores.Gateway.Patrols;
using PatrolScores.Gateway.Patrols.Fetching;
using PatrolScores.Gateway.Storage.Availability;
using PatrolScores.Gateway.Storage.Ephemeral;
using PatrolScores.Gateway.Storage.Records;

namespace PatrolScores.Gateway.Osm.Terms;

/// <summary>
/// Each section's current term: answered from memory on the hot path, from the record store after a
/// restart, and from OSM's <c>/oauth/resource</c> once a day, when the term has ended, or after an
/// upstream error. While OSM (or the record store) cannot be asked, a term found earlier keeps serving
/// until its end date. A failed lookup is
/// counted in <c>patrol_fetch_errors_total</c> like a failed fetch: it is the device's fetch failing.
/// </summary>
internal sealed partial class SectionTerms(
    ISectionTermStore store,
    OsmApiClient osm,
    OsmCredentials credentials,
    IDistributedLockProvider locks,
    FreshnessPolicy freshness,
    SharedWorkDeadlines deadlines,
    StoreCircuits circuits,
    Telemetry.GatewayMetrics metrics,
    IOptionsMonitor<OsmOptions> osmOptions,
    TimeProvider time,
    ILogger<SectionTerms> logger)
{
    internal static readonly TimeSpan RecheckAfter = TimeSpan.FromHours(24);

    // A device configured for a section its leader cannot see would otherwise cost one OSM call per poll.
    internal static readonly TimeSpan SectionNotFoundMemory = TimeSpan.FromMinutes(15);

    private readonly ConcurrentDictionary<long, SectionTermRecord> _known = new();

    // The last term found per section, kept through invalidations: the answer while the store is down.
    private readonly ConcurrentDictionary<long, SectionTermRecord> _lastFound = new();
    private readonly ConcurrentDictionary<long, DateTimeOffset> _notFoundUntil = new();
    private readonly ConcurrentDictionary<long, (DateTimeOffset Until, TermResolution Failure)> _failedUntil = new();
    private readonly ConcurrentDictionary<long, bool> _recheck = new();
    private readonly SingleFlight<long, TermResolution> _discoveries = new(deadlines);
    private TodayCache? _today;

    /// <summary>
    /// The section's current term. A lookup with OSM is shared work: it runs once per section (and
    /// across replicas under a lock) on its own deadline, whoever asked first; <paramref name="waiting"/>
    /// only stops this caller's wait.
    /// </summary>
    public async ValueTask<TermResolution> ResolveAsync(long userId, long sectionId, CancellationToken waiting)
    {
        var now = time.GetUtcNow();
        var today = Today();
        if (_known.TryGetValue(sectionId, out var known) && IsCurrent(known, now, today))
        {
            return FromRecord(known);
        }

        if (_notFoundUntil.TryGetValue(sectionId, out var until) && until > now)
        {
            return TermResolution.SectionNotFound;
        }

        // A lookup that just failed is not retried on every poll: OSM counts failed calls too.
        if (_failedUntil.TryGetValue(sectionId, out var failed) && failed.Until > now)
        {
            return failed.Failure;
        }

        return await _discoveries.RunAsync(sectionId, work => LoadWithinDeadlineAsync(userId, sectionId, work), waiting);
    }

    /// <summary>The hot path: the current term from memory only, when it needs no recheck.</summary>
    public bool TryGetCurrent(long sectionId, DateTimeOffset now, out long termId)
    {
        if (_known.TryGetValue(sectionId, out var known) && known.TermId is { } id && IsCurrent(known, now, Today()))
        {
            termId = id;
            return true;
        }

        termId = 0;
        return false;
    }

    /// <summary>Forces a recheck with OSM on the next request (after an upstream error, or by an operator).</summary>
    public void Invalidate(long sectionId)
    {
        _known.TryRemove(sectionId, out _);
        _recheck[sectionId] = true;
        _notFoundUntil.TryRemove(sectionId, out _);
    }

    private async Task<TermResolution> LoadWithinDeadlineAsync(long userId, long sectionId, CancellationToken deadline)
    {
        try
        {
            return await LoadAsync(userId, sectionId, deadline);
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested)
        {
            // The upstream deadline passed (or the gateway is stopping): a failed lookup, retried later.
            metrics.FetchFailed(FetchErrorTypes.Of(UpstreamFailure.Timeout));
            LogDiscoveryFailed(sectionId, "deadline");
            _failedUntil[sectionId] = (time.GetUtcNow() + freshness.Current.RetryAfterFailure, TermResolution.UpstreamError);
            return TermResolution.UpstreamError;
        }
        catch (Exception exception) when (StoreFailures.Is(exception)
            && _lastFound.TryGetValue(sectionId, out var last) && last.TermId is { } termId && (last.TermEndDate is not { } end || end >= Today()))
        {
            circuits.Report(exception);

            // The store is down: the term found before still holds until its end date.
            LogUsingPreviousTerm(sectionId, termId);
            return TermResolution.Found(termId);
        }
    }

    private void Remember(SectionTermRecord record)
    {
        _known[record.SectionId] = record;
        _lastFound[record.SectionId] = record;
    }

    private async Task<TermResolution> LoadAsync(long userId, long sectionId, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var today = Today();
        var forced = _recheck.TryRemove(sectionId, out _);
        var stored = await store.GetAsync(sectionId, cancellationToken);
        if (!forced && stored is not null && IsCurrent(stored, now, today))
        {
            Remember(stored);
            return FromRecord(stored);
        }

        // One lookup per section across replicas: the others wait for its record.
        await using var held = await locks.TryAcquireAsync($"term:{sectionId}", deadlines.Lease, cancellationToken);
        var latest = held is null
            ? await WaitForOtherReplicaAsync(sectionId, stored, cancellationToken)
            : await store.GetAsync(sectionId, cancellationToken);
        if (latest is not null && latest.TermCheckedAt > (stored?.TermCheckedAt ?? DateTimeOffset.MinValue) && IsCurrent(latest, now, today))
        {
            Remember(latest);
            return FromRecord(latest);
        }

        var discovered = held is null
            ? TermResolution.UpstreamError
            : await DiscoverAsync(userId, sectionId, now, today, cancellationToken);
        if (discovered.Kind is TermResolutionKind.Refused or TermResolutionKind.UpstreamError or TermResolutionKind.UpstreamUnavailable && stored?.TermId is { } previous)
        {
            // OSM cannot be asked now: the term found before is the best answer, and the cache behind
            // it still holds that term's scores.
            LogUsingPreviousTerm(sectionId, previous);
            return TermResolution.Found(previous);
        }

        if (discovered.Kind is TermResolutionKind.UpstreamError or TermResolutionKind.UpstreamUnavailable)
        {
            _failedUntil[sectionId] = (now + freshness.Current.RetryAfterFailure, discovered);
        }

        return discovered;
    }

    private Task<SectionTermRecord?> WaitForOtherReplicaAsync(long sectionId, SectionTermRecord? before, CancellationToken cancellationToken) =>
        OtherReplica.WaitForAsync(
            async ct => await store.GetAsync(sectionId, ct) is { } latest
                && latest.TermCheckedAt > (before?.TermCheckedAt ?? DateTimeOffset.MinValue) ? latest : null,
            cancellationToken);

    private async Task<TermResolution> DiscoverAsync(long userId, long sectionId, DateTimeOffset now, DateOnly today, CancellationToken cancellationToken)
    {
        OsmApiResponse response;
        try
        {
            var credential = await credentials.GetAsync(userId, cancellationToken);
            if (credential.AccessToken is not { } accessToken)
            {
                metrics.FetchFailed(credential.IsUnavailable ? FetchErrorTypes.TokenRefreshUnavailable : FetchErrorTypes.ReauthorizationRequired);
                return credential.IsUnavailable ? TermResolution.UpstreamUnavailable : TermResolution.ReauthorizationRequired;
            }

            response = await osm.GetResourceAsync(userId, accessToken, cancellationToken);
        }
        catch (OsmCallRefusedException refused)
        {
            metrics.FetchFailed(refused.Refusal == OsmRefusal.ServiceBlocked ? FetchErrorTypes.ServiceBlocked : FetchErrorTypes.RateLimited);
            return TermResolution.Refused(refused);
        }
        catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            metrics.FetchFailed(FetchErrorTypes.Of(exception is TaskCanceledException ? UpstreamFailure.Timeout : UpstreamFailure.Network));
            LogDiscoveryFailed(sectionId, exception.GetType().Name);
            return TermResolution.UpstreamError;
        }

        if (response.Blocked)
        {
            metrics.FetchFailed(FetchErrorTypes.ServiceBlocked);
            // The guard has recorded the block; answer as if it had refused before sending.
            return TermResolution.Refused(new OsmCallRefusedException(OsmRefusal.ServiceBlocked, null));
        }

        if (response.StatusCode == StatusCodes.Status429TooManyRequests && response.Signals?.UserBlockedUntil is { } until)
        {
            metrics.FetchFailed(FetchErrorTypes.RateLimited);
            return TermResolution.Refused(new OsmCallRefusedException(OsmRefusal.UserBlocked, until));
        }

        if (response.StatusCode == StatusCodes.Status401Unauthorized)
        {
            await credentials.ExpireAsync(userId, CancellationToken.None);
        }

        if (response.StatusCode != StatusCodes.Status200OK || response.Body is null)
        {
            metrics.FetchFailed(FetchErrorTypes.Of(UpstreamFailures.ForStatus(response.StatusCode)));
            LogDiscoveryStatus(sectionId, response.StatusCode);
            return TermResolution.UpstreamError;
        }

        var profile = OsmProfileReader.Read(response.Body);
        if (profile.Profile is null)
        {
            metrics.FetchFailed(FetchErrorTypes.InvalidPayload);
            LogInvalidProfile(sectionId, profile.Problem ?? "unknown");
            return TermResolution.UpstreamError;
        }

        var lookup = CurrentTermFinder.Find(profile.Profile, sectionId, today);
        if (lookup.Kind == TermLookupKind.SectionNotFound)
        {
            _notFoundUntil[sectionId] = now + SectionNotFoundMemory;
            return TermResolution.SectionNotFound;
        }

        var record = new SectionTermRecord(sectionId, userId, lookup.TermId, now, lookup.TermEnd);
        await store.UpsertAsync(record, cancellationToken);
        Remember(record);
        LogDiscovered(sectionId, lookup.TermId);
        return FromRecord(record);
    }

    private static bool IsCurrent(SectionTermRecord record, DateTimeOffset now, DateOnly today) =>
        now - record.TermCheckedAt < RecheckAfter && (record.TermEndDate is not { } end || end >= today);

    private static TermResolution FromRecord(SectionTermRecord record) =>
        record.TermId is { } termId ? TermResolution.Found(termId) : TermResolution.NotInTerm;

    // "Today" is worked out at most once a minute, and the zone looked up once per configured id,
    // not once per poll.
    private DateOnly Today()
    {
        var now = time.GetUtcNow();
        var id = osmOptions.CurrentValue.TimeZone;
        var cached = _today;
        if (cached is not null && cached.ZoneId == id && now >= cached.From && now < cached.Until)
        {
            return cached.Date;
        }

        var zone = TimeZoneInfo.FindSystemTimeZoneById(id);
        var today = TermCalendar.Today(time, zone);
        var untilMidnight = TimeZoneInfo.ConvertTime(now, zone) is var local ? local.Date.AddDays(1) - local.DateTime : TimeSpan.Zero;
        var validFor = untilMidnight < TimeSpan.FromMinutes(1) ? untilMidnight : TimeSpan.FromMinutes(1);
        _today = new TodayCache(id, today, now, now + validFor);
        return today;
    }

    private sealed record TodayCache(string ZoneId, DateOnly Date, DateTimeOffset From, DateTimeOffset Until);

    [LoggerMessage(EventId = 3001, Level = LogLevel.Information, Message = "Section {SectionId}: current term is {TermId}")]
    private partial void LogDiscovered(long sectionId, long? termId);

    [LoggerMessage(EventId = 3002, Level = LogLevel.Warning, Message = "Section {SectionId}: term discovery failed ({ErrorType})")]
    private partial void LogDiscoveryFailed(long sectionId, string errorType);

    [LoggerMessage(EventId = 3003, Level = LogLevel.Warning, Message = "Section {SectionId}: OSM answered HTTP {StatusCode} to term discovery")]
    private partial void LogDiscoveryStatus(long sectionId, int statusCode);

    [LoggerMessage(EventId = 3004, Level = LogLevel.Warning, Message = "Section {SectionId}: OSM's profile was not as expected: {Problem}")]
    private partial void LogInvalidProfile(long sectionId, string problem);

    [LoggerMessage(EventId = 3005, Level = LogLevel.Information, Message = "Section {SectionId}: OSM cannot be asked now; keeping term {TermId}")]
    private partial void LogUsingPreviousTerm(long sectionId, long termId);
}
