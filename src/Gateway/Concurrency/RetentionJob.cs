namespace PatrolScores.Gateway.Concurrency;

/// <summary>
/// An hourly clean-up of records older than a retention period (read anew each round, so a reloaded setting applies at
/// the next one): deletes what was recorded before now − <see cref="Retention"/> and reports how many went.
/// </summary>
internal abstract class RetentionJob(TimeProvider time, ILogger logger) : HourlyJob(time, logger)
{
    /// <summary>How long records are kept.</summary>
    protected abstract TimeSpan Retention { get; }

    /// <summary>One round, also called by tests; returns how many records were deleted.</summary>
    public async Task<int> RunOnceAsync(CancellationToken cancellationToken)
    {
        var removed = await DeleteBeforeAsync(Clock.GetUtcNow() - Retention, cancellationToken);
        if (removed > 0)
        {
            ReportRemoved(removed);
        }

        return removed;
    }

    /// <summary>Deletes the records older than <paramref name="cutoff"/>; returns how many.</summary>
    protected abstract Task<int> DeleteBeforeAsync(DateTimeOffset cutoff, CancellationToken cancellationToken);

    /// <summary>Logs a round that deleted <paramref name="removed"/> records (above 0), with the job's own event id.</summary>
    protected abstract void ReportRemoved(int removed);

    protected override Task RunRoundAsync(CancellationToken cancellationToken) => RunOnceAsync(cancellationToken);
}
