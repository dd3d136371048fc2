using Microsoft.Extensions.Options;
using PatrolScores.Gateway.Concurrency;
using PatrolScores.Gateway.Storage.Records;

namespace PatrolScores.Gateway.Trends;

/// <summary>Every hour: deletes score snapshots older than <see cref="HistoryOptions.SnapshotRetention"/> (counted in patrol rows).</summary>
internal sealed partial class SnapshotHousekeeping(
    IScoreSnapshotStore store,
    IOptionsMonitor<HistoryOptions> options,
    TimeProvider time,
    ILogger<SnapshotHousekeeping> logger) : RetentionJob(time, logger)
{
    protected override string JobName => "Score snapshot housekeeping";

    protected override TimeSpan Retention => options.CurrentValue.SnapshotRetention;

    protected override Task<int> DeleteBeforeAsync(DateTimeOffset cutoff, CancellationToken cancellationToken) => store.DeleteBeforeAsync(cutoff, cancellationToken);

    protected override void ReportRemoved(int removed) => LogRemoved(Logger, removed);

    [LoggerMessage(EventId = 7602, Level = LogLevel.Information, Message = "Score snapshot housekeeping removed {Count} rows past History:SnapshotRetention")]
    private static partial void LogRemoved(ILogger logger, int count);
}
