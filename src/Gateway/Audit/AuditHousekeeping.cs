using Microsoft.Extensions.Options;
using PatrolScores.Gateway.Concurrency;
using PatrolScores.Gateway.Storage.Records;

namespace PatrolScores.Gateway.Audit;

/// <summary>Every hour: deletes audit events older than <see cref="AuditOptions.Retention"/>.</summary>
internal sealed partial class AuditHousekeeping(
    IAuditStore store,
    IOptionsMonitor<AuditOptions> options,
    TimeProvider time,
    ILogger<AuditHousekeeping> logger) : HourlyJob(time, logger)
{
    public async Task<int> RunOnceAsync(CancellationToken cancellationToken)
    {
        var removed = await store.DeleteBeforeAsync(Clock.GetUtcNow() - options.CurrentValue.Retention, cancellationToken);
        if (removed > 0)
        {
            LogRemoved(Logger, removed);
        }

        return removed;
    }

    protected override string JobName => "Audit housekeeping";

    protected override Task RunRoundAsync(CancellationToken cancellationToken) => RunOnceAsync(cancellationToken);

    [LoggerMessage(EventId = 7002, Level = LogLevel.Information, Message = "Audit housekeeping removed {Count} events past the retention period")]
    private static partial void LogRemoved(ILogger logger, int count);
}
