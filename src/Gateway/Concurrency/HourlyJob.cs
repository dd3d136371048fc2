namespace PatrolScores.Gateway.Concurrency;

/// <summary>
/// A clean-up that runs every hour on the injected clock; a store that is briefly down only costs one
/// round, logged, never the process.
/// </summary>
internal abstract partial class HourlyJob(TimeProvider time, ILogger logger) : BackgroundService
{
    internal static readonly TimeSpan Interval = TimeSpan.FromHours(1);

    protected TimeProvider Clock { get; } = time;

    protected ILogger Logger { get; } = logger;

    /// <summary>Names the job in the failure log line.</summary>
    protected abstract string JobName { get; }

    protected abstract Task RunRoundAsync(CancellationToken cancellationToken);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, Clock);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    await RunRoundAsync(stoppingToken);
                }
                catch (Exception exception) when (Storage.Availability.StoreFailures.Is(exception))
                {
                    LogFailed(Logger, JobName, exception.GetType().Name);
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Shutting down.
        }
    }

    [LoggerMessage(EventId = 1101, Level = LogLevel.Warning, Message = "{Job} failed ({ErrorType}); trying again in an hour")]
    private static partial void LogFailed(ILogger logger, string job, string errorType);
}
