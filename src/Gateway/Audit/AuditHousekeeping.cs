using Microsoft.Extensions.Options;
using PatrolScores.Gateway.Concurrency;
using PatrolScores.Gateway.Storage.Records;

namespace PatrolScores.Gateway.Audit;

/// <summary>Every hour: deletes audit events older than <see cref="AuditOptions.Retention"/>.</summary>
internal sealed partial class AuditHousekeeping(
    IAuditStore store,
    IOptionsMonitor<AuditOptions> options,
    TimeProvider time,
    ILogger<AuditHousekeeping> logger) : RetentionJob(time, logger)
{
    protected override string JobName => "Audit housekeeping";

    protected override TimeSpan Retention => options.CurrentValue.Retention;

    protected override Task<int> DeleteBeforeAsync(DateTimeOffset cutoff, CancellationToken cancellationToken) => store.DeleteBeforeAsync(cutoff, cancellationToken);

    protected override void ReportRemoved(int removed) => LogRemoved(Logger, removed);

    [LoggerMessage(EventId = 7002, Level = LogLevel.Information, Message = "Audit housekeeping removed {Count} events past the retention period")]
    private static partial void LogRemoved(ILogger logger, int count);
}
