using System.Text.Json;
using PatrolScores.Gateway.Patrols;
using PatrolScores.Gateway.Storage.Availability;
using PatrolScores.Gateway.Storage.Records;

namespace PatrolScores.Gateway.Trends;

/// <summary>
/// Trends of a section's scores: <see cref="RecordAsync"/> keeps each new copy whose scores changed as a snapshot (the
/// fetcher calls it, for polls, refresh-ahead and score entry's read-back alike), and <see cref="ReportAsync"/> buckets
/// a window of them (<see cref="TrendBucketing"/>). Unchanged copies are not kept: a bucket without a snapshot carries
/// the last one's scores forward, so they would add rows and nothing else. A copy that follows no held copy (the
/// cache emptied by a restart, or the fallback window lapsed) counts as changed and is kept, which repeats a value
/// at most.
/// </summary>
internal sealed partial class ScoreTrends(IScoreSnapshotStore store, StoreCircuits stores, TrendsMetrics metrics, TimeProvider time, ILogger<ScoreTrends> logger)
{
    /// <summary>
    /// A section's scores over the last <paramref name="window"/> in <paramref name="bucket"/> steps, as of now (the
    /// injected clock), with this week's biggest climb. A section with no snapshots gets every patrol list empty.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The combination has more than <see cref="TrendBuckets.MaxCount"/> buckets (<c>90d</c> in <c>1h</c>).</exception>
    /// <exception cref="StoreUnavailableException">The record store did not answer (as other store reads: a 503 <c>store_unavailable</c> on an endpoint).</exception>
    public async Task<TrendReport> ReportAsync(long sectionId, TrendWindow window, TrendBucket bucket, CancellationToken cancellationToken)
    {
        if (!bucket.IsAllowedFor(window))
        {
            throw new ArgumentOutOfRangeException(nameof(bucket), bucket, $"{window.ToWire()} in {bucket.ToWire()} buckets is over {TrendBuckets.MaxCount} buckets.");
        }

        var now = time.GetUtcNow();
        var snapshots = await store.ListSinceAsync(sectionId, TrendBucketing.WindowStart(window, bucket, now), cancellationToken);
        return TrendBucketing.Build(sectionId, snapshots, window, bucket, now);
    }

    /// <summary>
    /// Keeps <paramref name="entry"/> (a new copy whose scores changed) as its section's snapshot, taken at its
    /// <c>CachedAt</c>. Never throws for the store: a failure is logged (7601) and counted (<c>score_snapshot_failures</c>),
    /// and the copy is served all the same; the trend then misses that change.
    /// </summary>
    public async Task RecordAsync(ScoreEntry entry)
    {
        var snapshot = new ScoreSnapshot(entry.Key.SectionId, entry.Key.TermId, entry.CachedAt, ReadPatrols(entry.PatrolsJson));
        try
        {
            await store.AppendAsync(snapshot, CancellationToken.None);
            metrics.Recorded();
        }
        catch (Exception exception) when (StoreFailures.Is(exception))
        {
            stores.Report(exception);
            metrics.Failed();
            LogRecordFailed(entry.Key.SectionId, exception.GetType().Name);
        }
    }

    // The device-format array the fetcher wrote: [{"id":"72700","name":"Eagles","score":32},...].
    private static List<SnapshotPatrol> ReadPatrols(byte[] patrolsJson)
    {
        using var document = JsonDocument.Parse(patrolsJson);
        return [.. document.RootElement.EnumerateArray().Select(patrol => new SnapshotPatrol(
            patrol.GetProperty("id").GetString()!,
            patrol.GetProperty("name").GetString()!,
            patrol.GetProperty("score").GetInt32()))];
    }

    [LoggerMessage(EventId = 7601, Level = LogLevel.Warning, Message = "Section {SectionId}: a score snapshot could not be stored ({ErrorType}); its trend misses this change")]
    private partial void LogRecordFailed(long sectionId, string errorType);
}
