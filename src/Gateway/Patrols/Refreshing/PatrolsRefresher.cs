using System.Diagnostics.Metrics;
using Microsoft.Extensions.Options;
using PatrolScores.Gateway.Live;
using PatrolScores.Gateway.Patrols.Fetching;
using PatrolScores.Gateway.Storage.Availability;
using PatrolScores.Gateway.Storage.Ephemeral;
using PatrolScores.Gateway.Storage.Records;

namespace PatrolScores.Gateway.Patrols.Refreshing;

/// <summary>
/// Refresh-ahead: every <c>Refresh:Interval</c> (on the injected clock) it notes the sections this replica's
/// boards watch in the shared <see cref="IRefreshQueue"/>, takes the sections that are due (each by one replica
/// only) and brings them up to date through the <see cref="PatrolsFetcher"/> before <c>valid_until</c>, so a poll
/// never waits for OSM. A refresh spends spare quota only: none while <c>X-Blocked</c> or the user's 429 holds,
/// none at or below <c>Refresh:QuotaReserve</c>, and at most one call per TTL per section (the new copy's
/// <c>valid_until</c> follows on from the old one). Work of its own: it runs under the gateway's lifetime.
/// </summary>
internal sealed partial class PatrolsRefresher : BackgroundService
{
    private readonly WatchedSections _watched;
    private readonly IRefreshQueue _queue;
    private readonly PatrolsFetcher _fetcher;
    private readonly ScoreCache _cache;
    private readonly IGlobalBlockStore _globalBlocks;
    private readonly IUserBlockStore _userBlocks;
    private readonly IQuotaStore _quotas;
    private readonly StoreCircuits _stores;
    private readonly DeviceSocketHub _sockets;
    private readonly PatrolsStreams _streams;
    private readonly IOptionsMonitor<RefreshOptions> _options;
    private readonly FreshnessPolicy _freshness;
    private readonly TimeProvider _time;
    private readonly ILogger<PatrolsRefresher> _logger;
    private readonly Counter<long>? _outcomes;
    private readonly Dictionary<ScoreCacheKey, DateTimeOffset> _marked = [];
    private readonly long[] _counts = new long[Enum.GetValues<RefreshOutcome>().Length];
    private TaskCompletionSource _nextPass = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _passes;
    private long _lastPassUnixSeconds;
    private IReadOnlyList<WatchedSection> _lastWatched = [];

    public PatrolsRefresher(
        WatchedSections watched,
        IRefreshQueue queue,
        PatrolsFetcher fetcher,
        ScoreCache cache,
        IGlobalBlockStore globalBlocks,
        IUserBlockStore userBlocks,
        IQuotaStore quotas,
        StoreCircuits stores,
        DeviceSocketHub sockets,
        PatrolsStreams streams,
        IOptionsMonitor<RefreshOptions> options,
        FreshnessPolicy freshness,
        TimeProvider time,
        ILogger<PatrolsRefresher> logger,
        IMeterFactory? meters = null)
    {
        (_watched, _queue, _fetcher, _cache, _globalBlocks, _userBlocks, _quotas, _stores) = (watched, queue, fetcher, cache, globalBlocks, userBlocks, quotas, stores);
        (_sockets, _streams, _options, _freshness, _time, _logger) = (sockets, streams, options, freshness, time, logger);
        if (meters?.Create(Telemetry.GatewayMetrics.MeterName) is { } meter)
        {
            _outcomes = meter.CreateCounter<long>("patrols_refreshes", description: "Sections the refresher took from the queue, by outcome: refreshed, already_fresh, skipped_quota, skipped_block, unwatched, failed.");
            meter.CreateObservableGauge("patrols_refresh_watched_sections", () => WatchedHere.Count, description: "Sections this replica's boards watch (polled within Refresh:WatchWindow, or with a live connection).");
            meter.CreateObservableGauge("patrols_refresher_last_pass_timestamp_seconds", () => Interlocked.Read(ref _lastPassUnixSeconds), description: "Unix time (s) of the refresher's last completed pass on this replica (0: none yet). It passes every Refresh:Interval, turned on or not.");
        }
    }

    /// <summary>Completed passes since start-up.</summary>
    public long Passes => Interlocked.Read(ref _passes);

    /// <summary>The sections this replica's boards watched at the last pass.</summary>
    public IReadOnlyList<WatchedSection> WatchedHere => Volatile.Read(ref _lastWatched);

    /// <summary>Sections taken from the queue by this replica since start-up that ended in <paramref name="outcome"/>.</summary>
    public long Count(RefreshOutcome outcome) => Interlocked.Read(ref _counts[(int)outcome]);

    /// <summary>When the last pass completed, or null before the first.</summary>
    public DateTimeOffset? LastPass => Interlocked.Read(ref _lastPassUnixSeconds) is var seconds and > 0 ? DateTimeOffset.FromUnixTimeSeconds(seconds) : null;

    /// <summary>Completes once a pass after the <paramref name="after"/>-th has completed (tests wait on it after moving time).</summary>
    public Task WaitForPassAsync(long after, CancellationToken cancellationToken)
    {
        var pending = Volatile.Read(ref _nextPass).Task;
        return Passes > after ? Task.CompletedTask : pending.WaitAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var next = NextPassAsync(stoppingToken);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await next;
                await RunPassAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception) when (StoreFailures.Is(exception))
            {
                _stores.Report(exception);
                LogStoreFailed(exception.GetType().Name);
            }
            catch (Exception exception)
            {
                // A pass that fails is logged and the next one runs: the refresher must not stop (an alert watches it).
                LogPassFailed(exception);
            }

            // The next pass's timer starts before this pass is reported done, so time moved after the report
            // (by a test's fake clock) always reaches it.
            next = NextPassAsync(stoppingToken);
            CompletePass();
        }
    }

    private Task NextPassAsync(CancellationToken stoppingToken) => Task.Delay(_options.CurrentValue.Interval, _time, stoppingToken);

    /// <summary>One pass: note this replica's watched sections, take the due ones and refresh each.</summary>
    internal async Task RunPassAsync(CancellationToken stoppingToken)
    {
        var options = _options.CurrentValue;
        var now = _time.GetUtcNow();
        var watched = _watched.Snapshot(now, options.WatchWindow, LiveBoards);
        Volatile.Write(ref _lastWatched, watched);
        if (!options.Enabled || _stores.TryGetOutage(out _))
        {
            return;
        }

        await _queue.MarkWatchedAsync(await ToMarkAsync(watched, options, now, stoppingToken), stoppingToken);
        var boards = watched.ToDictionary(section => section.Key, section => section.Boards);
        foreach (var taken in await _queue.TakeDueAsync(now, options.MaxPerPass, stoppingToken))
        {
            var outcome = await RefreshAsync(taken, boards.GetValueOrDefault(taken.Queued.Item.Key, taken.Queued.Boards), options, stoppingToken);
            Interlocked.Increment(ref _counts[(int)outcome]);
            _outcomes?.Add(1, new KeyValuePair<string, object?>("outcome", RefreshOutcomeNames.Of(outcome)));
        }
    }

    // Sections to mark watched now: each newly watched one, and each again once a minute (so the shared
    // watched time stays current and a section a replica took and never put back is queued again).
    private async Task<IReadOnlyList<WatchMark>> ToMarkAsync(IReadOnlyList<WatchedSection> watched, RefreshOptions options, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var again = now - MarkEvery(options);
        var marks = new List<WatchMark>();
        foreach (var section in watched)
        {
            if (_marked.TryGetValue(section.Key, out var marked) && marked > again)
            {
                continue;
            }

            // No copy yet: the next poll fetches one; the section is queued once there is a copy to keep fresh.
            if (await _cache.GetLatestAsync(section.Key, cancellationToken) is not { } entry)
            {
                continue;
            }

            _marked[section.Key] = now;
            var queued = new QueuedRefresh(new RefreshItem(section.Key, section.PayingUserId), RefreshRules.DueFor(entry, options.Lead), section.Boards);
            marks.Add(new WatchMark(queued, section.LastSeen));
        }

        var current = watched.Select(section => section.Key).ToHashSet();
        foreach (var key in _marked.Keys.Where(key => !current.Contains(key)).ToList())
        {
            _marked.Remove(key);
        }

        return marks;
    }

    private static TimeSpan MarkEvery(RefreshOptions options) =>
        TimeSpan.FromTicks(Math.Min(TimeSpan.FromMinutes(1).Ticks, options.WatchWindow.Ticks / 4));

    private async Task<RefreshOutcome> RefreshAsync(TakenRefresh taken, int boards, RefreshOptions options, CancellationToken stoppingToken)
    {
        var item = taken.Queued.Item;
        var now = _time.GetUtcNow();
        var conditions = new RefreshConditions(
            taken.LastWatched,
            await _globalBlocks.GetAsync(stoppingToken) is not null,
            (await _userBlocks.GetAsync(item.PayingUserId, stoppingToken))?.Until,
            await _quotas.GetAsync(item.PayingUserId, stoppingToken));
        switch (RefreshRules.Decide(item.Key, conditions, options, _freshness.Current, now))
        {
            case RefreshDecision.Unwatched:
                await _queue.ForgetAsync(item, stoppingToken);
                LogUnwatched(item.Key.SectionId);
                return RefreshOutcome.Unwatched;
            case RefreshDecision.SkipForBlock skip:
                await ScheduleAsync(item, skip.RetryAt, boards, stoppingToken);
                return RefreshOutcome.SkippedBlock;
            case RefreshDecision.SkipForQuota skip:
                await ScheduleAsync(item, skip.RetryAt, boards, stoppingToken);
                LogSkippedForQuota(item.Key.SectionId, item.PayingUserId, conditions.Quota?.Remaining ?? 0, options.QuotaReserve);
                return RefreshOutcome.SkippedQuota;
        }

        var outcome = await _fetcher.FetchAsync(new FetchRequest(item.Key, item.PayingUserId, options.Lead), stoppingToken);
        if (outcome is FetchOutcome.Fresh fresh)
        {
            await ScheduleAsync(item, RefreshRules.DueFor(fresh.Entry, options.Lead), boards, stoppingToken);
            return fresh.Fetched ? RefreshOutcome.Refreshed : RefreshOutcome.AlreadyFresh;
        }

        await ScheduleAsync(item, outcome.NextAttemptAt ?? now + _freshness.Current.BlockedRetry, boards, stoppingToken);
        return outcome is FetchOutcome.ServiceBlocked or FetchOutcome.UserLimited ? RefreshOutcome.SkippedBlock : RefreshOutcome.Failed;
    }

    private Task ScheduleAsync(RefreshItem item, DateTimeOffset due, int boards, CancellationToken cancellationToken) =>
        _queue.ScheduleAsync(new QueuedRefresh(item, DateTimeOffset.FromUnixTimeSeconds(due.ToUnixTimeSeconds()), boards), cancellationToken);

    private int LiveBoards(long sectionId) => _sockets.CountFor(sectionId) + _streams.CountFor(sectionId);

    private void CompletePass()
    {
        Interlocked.Exchange(ref _lastPassUnixSeconds, _time.GetUtcNow().ToUnixTimeSeconds());
        Interlocked.Increment(ref _passes);
        Interlocked.Exchange(ref _nextPass, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
    }

    [LoggerMessage(EventId = 5201, Level = LogLevel.Information, Message = "Section {SectionId}: no board watches it any more; its copy is left to expire")]
    private partial void LogUnwatched(long sectionId);

    [LoggerMessage(EventId = 5202, Level = LogLevel.Information, Message = "Section {SectionId}: not refreshed ahead, user {UserId} has {Remaining} requests left (reserve {Reserve})")]
    private partial void LogSkippedForQuota(long sectionId, long userId, int remaining, int reserve);

    [LoggerMessage(EventId = 5203, Level = LogLevel.Warning, Message = "Refresh-ahead pass stopped: a store did not answer ({ErrorType}); the next pass tries again")]
    private partial void LogStoreFailed(string errorType);

    [LoggerMessage(EventId = 5204, Level = LogLevel.Error, Message = "Refresh-ahead pass failed; the next pass tries again")]
    private partial void LogPassFailed(Exception exception);
}
