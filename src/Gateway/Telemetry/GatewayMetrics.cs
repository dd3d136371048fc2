using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using PatrolScores.Gateway.Osm.Guard;
using PatrolScores.Gateway.Patrols;

namespace PatrolScores.Gateway.Telemetry;

/// <summary>
/// Every metric of the patrol path, on one meter. Names follow the upstream-facing spec in the design;
/// the Prometheus exporter adds <c>_total</c> to counters and the unit suffix to histograms. Tags are
/// low-cardinality only: a user id, an endpoint name, a status code, an error type.
/// </summary>
public sealed class GatewayMetrics
{
    public const string MeterName = "PatrolScores.Gateway";

    private readonly ConcurrentDictionary<long, QuotaGaugeValues> _quotas = new();
    private readonly ConcurrentDictionary<long, int> _states = new();
    private readonly Counter<long> _blockEvents;
    private readonly Histogram<double> _upstreamDuration;
    private readonly Counter<long> _cacheHits;
    private readonly Counter<long> _cacheMisses;
    private readonly Histogram<double> _cacheAge;
    private readonly Counter<long> _fetchErrors;
    private readonly Counter<long> _fetchSuccesses;
    private readonly Counter<long> _waitsClamped;
    private int _serviceBlocked;
    private long _hitCount;
    private long _missCount;

    // Seconds, not the default millisecond-sized buckets: upstream calls take 0.05–10 s, data ages reach days.
    private static readonly InstrumentAdvice<double> LatencyBuckets = new() { HistogramBucketBoundaries = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30] };
    private static readonly InstrumentAdvice<double> AgeBuckets = new() { HistogramBucketBoundaries = [1, 10, 60, 300, 600, 900, 1800, 3600, 21600, 86400, 691200] };

    private readonly TimeProvider _time;

    public GatewayMetrics(IMeterFactory meterFactory, DeprecationNotices deprecations, Configuration.ConfigurationReloads reloads, Storage.Availability.StoreCircuits stores, TimeProvider time)
    {
        _time = time;
        var meter = meterFactory.Create(MeterName);
        meter.CreateObservableGauge("gateway_store_up", () => ObserveStores(stores), description: "1 while a store this deployment uses answers, 0 while its circuit is open (held copies served, no OSM calls): store=records|redis.");
        meter.CreateObservableGauge("patrolscores_config_rejected", () => reloads.RejectedCount, description: "Settings sections or files whose latest edit was rejected: what is on disk is not what runs.");
        meter.CreateObservableGauge("osm_deprecation_notice", () => ObserveDeprecations(deprecations), description: "1 for each OSM endpoint and X-Deprecated date seen since start-up.");
        meter.CreateObservableGauge("osm_rate_limit_remaining", () => Observe(q => q.Remaining), description: "Requests OSM says this user has left in the current hour.");
        meter.CreateObservableGauge("osm_rate_limit_total", () => Observe(q => q.Limit), description: "Requests OSM allows this user per hour.");
        meter.CreateObservableGauge("osm_rate_limit_reset_seconds", () => Observe(q => (int)Math.Max(0, (q.ResetAt - _time.GetUtcNow()).TotalSeconds)), description: "Seconds until this user's OSM window resets, as last reported.");
        meter.CreateObservableGauge("osm_service_blocked", () => Volatile.Read(ref _serviceBlocked), description: "1 while OSM's X-Blocked holds for the whole application.");
        meter.CreateObservableGauge("patrol_rate_limit_state", ObserveStates, description: "Rate-limit state per user: 0 NONE, 1 DEGRADED, 2 USER_TEMPORARY_BLOCK, 3 SERVICE_BLOCKED.");
        _blockEvents = meter.CreateCounter<long>("osm_block_events", description: "Blocks set by OSM responses: kind=service (X-Blocked) or user (429).");
        _upstreamDuration = meter.CreateHistogram<double>("osm_api_request_duration", unit: "s", description: "Duration of calls to OSM by endpoint and status code.", advice: LatencyBuckets);
        _cacheHits = meter.CreateCounter<long>("patrol_cache_hit", description: "Patrol requests answered from a fresh cache entry.");
        _cacheMisses = meter.CreateCounter<long>("patrol_cache_miss", description: "Patrol requests that needed an upstream fetch (or a stale copy).");
        _cacheAge = meter.CreateHistogram<double>("patrol_cache_age", unit: "s", description: "Age of the patrol data served to devices.", advice: AgeBuckets);
        _fetchErrors = meter.CreateCounter<long>("patrol_fetch_errors", description: "Failed patrol fetches by error type.");
        _fetchSuccesses = meter.CreateCounter<long>("patrol_fetch_success", description: "Successful patrol fetches from OSM.");
        _waitsClamped = meter.CreateCounter<long>("osm_upstream_wait_clamped", description: "Waits OSM asked for (Retry-After, X-RateLimit-Reset) that were out of bounds and were bounded, by header.");
    }

    /// <summary>
    /// Puts every known label value of the labelled counters at 0, so that the first event after a
    /// start shows in <c>rate()</c> and <c>increase()</c> (a series that appears with its first event
    /// has no earlier sample to rise from). Call once the meter provider listens.
    /// </summary>
    internal void InitialiseKnownSeries()
    {
        foreach (var errorType in Patrols.Fetching.FetchErrorTypes.All)
        {
            _fetchErrors.Add(0, new KeyValuePair<string, object?>("error_type", errorType));
        }

        _blockEvents.Add(0, new KeyValuePair<string, object?>("kind", "service"));
        _blockEvents.Add(0, new KeyValuePair<string, object?>("kind", "user"));
        UpstreamWaitClamped(UpstreamWaitSource.RetryAfter, 0);
        UpstreamWaitClamped(UpstreamWaitSource.RateLimitReset, 0);
    }

    private static IEnumerable<Measurement<int>> ObserveStores(Storage.Availability.StoreCircuits stores)
    {
        foreach (var circuit in stores.InUse)
        {
            yield return new Measurement<int>(circuit.IsOpen ? 0 : 1, new KeyValuePair<string, object?>("store", Storage.Availability.StoreComponentNames.Of(circuit.Component)));
        }
    }

    /// <summary>Hits and misses since start-up, for the admin status.</summary>
    public (long Hits, long Misses) CacheCounts => (Interlocked.Read(ref _hitCount), Interlocked.Read(ref _missCount));

    public void CacheHit(TimeSpan age)
    {
        Interlocked.Increment(ref _hitCount);
        _cacheHits.Add(1);
        _cacheAge.Record(age.TotalSeconds);
    }

    public void CacheMiss()
    {
        Interlocked.Increment(ref _missCount);
        _cacheMisses.Add(1);
    }

    public void ServedStale(TimeSpan age) => _cacheAge.Record(age.TotalSeconds);

    public void FetchSucceeded() => _fetchSuccesses.Add(1);

    public void FetchFailed(string errorType) => _fetchErrors.Add(1, new KeyValuePair<string, object?>("error_type", errorType));

    public void UpstreamCall(string endpoint, int statusCode, TimeSpan elapsed) =>
        _upstreamDuration.Record(
            elapsed.TotalSeconds,
            new KeyValuePair<string, object?>("endpoint", endpoint),
            new KeyValuePair<string, object?>("status_code", statusCode));

    public void Quota(long userId, int? limit, int? remaining, DateTimeOffset resetAt) =>
        _quotas[userId] = new QuotaGaugeValues(limit, remaining, resetAt);

    /// <summary>A wait OSM asked for was out of bounds and was bounded (<see cref="UpstreamWaits"/>).</summary>
    internal void UpstreamWaitClamped(UpstreamWaitSource source, long count = 1) => _waitsClamped.Add(count, new KeyValuePair<string, object?>("header", source switch
    {
        UpstreamWaitSource.RetryAfter => "retry_after",
        UpstreamWaitSource.RateLimitReset => "x_ratelimit_reset",
        _ => "none",
    }));

    public void State(long userId, RateLimitState state) => _states[userId] = (int)state;

    public void ServiceBlocked(bool blocked) => Volatile.Write(ref _serviceBlocked, blocked ? 1 : 0);

    public void BlockEvent(string kind) => _blockEvents.Add(1, new KeyValuePair<string, object?>("kind", kind));

    // A user's quota series ends when OSM's window has reset: the last figures no longer describe
    // anything, and alerts on them would keep firing.
    private IEnumerable<Measurement<int>> Observe(Func<QuotaGaugeValues, int?> pick)
    {
        var now = _time.GetUtcNow();
        foreach (var (userId, values) in _quotas)
        {
            if (values.ResetAt <= now)
            {
                _quotas.TryRemove(new KeyValuePair<long, QuotaGaugeValues>(userId, values));
                _states.TryRemove(userId, out _);
                continue;
            }

            if (pick(values) is { } value)
            {
                yield return new Measurement<int>(value, new KeyValuePair<string, object?>("user_id", userId));
            }
        }
    }

    private IEnumerable<Measurement<int>> ObserveStates()
    {
        foreach (var (userId, state) in _states)
        {
            yield return new Measurement<int>(state, new KeyValuePair<string, object?>("user_id", userId));
        }
    }

    private static IEnumerable<Measurement<int>> ObserveDeprecations(DeprecationNotices deprecations)
    {
        foreach (var notice in deprecations.All)
        {
            yield return new Measurement<int>(
                1,
                new KeyValuePair<string, object?>("endpoint", notice.Endpoint),
                new KeyValuePair<string, object?>("date", notice.Date));
        }
    }

    private sealed record QuotaGaugeValues(int? Limit, int? Remaining, DateTimeOffset ResetAt);
}
