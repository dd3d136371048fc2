using System.Collections.Concurrent;
using PatrolScores.Gateway.Storage.Records;

namespace PatrolScores.Gateway.Devices;

/// <summary>
/// Remembers when each device was last seen and writes it to the store in batches (once a minute, and
/// at shutdown), never once per poll. A poll only stores a number in the device's cell.
/// </summary>
internal sealed partial class DeviceUsageRecorder(IDeviceStore devices, TimeProvider time, ILogger<DeviceUsageRecorder> logger) : BackgroundService
{
    internal static readonly TimeSpan FlushInterval = TimeSpan.FromMinutes(1);

    private readonly ConcurrentDictionary<string, UsageCell> _cells = new(StringComparer.Ordinal);

    public UsageCell CellFor(string deviceId) => _cells.GetOrAdd(deviceId, static _ => new UsageCell());

    /// <summary>Writes every usage seen since the last flush; returns how many devices it wrote.</summary>
    public async Task<int> FlushAsync(CancellationToken cancellationToken)
    {
        var batch = new List<DeviceUsage>();
        var taken = new List<UsageCell>();
        foreach (var (deviceId, cell) in _cells)
        {
            if (cell.TakeUnwritten() is { } lastUsed)
            {
                batch.Add(new DeviceUsage(deviceId, lastUsed));
                taken.Add(cell);
            }
        }

        try
        {
            await devices.RecordUsageAsync(batch, cancellationToken);
        }
        catch
        {
            // Not written after all: the next flush tries these again.
            taken.ForEach(cell => cell.MarkUnwritten());
            throw;
        }

        return batch.Count;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(FlushInterval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                await FlushSafelyAsync(stoppingToken);
            }
        }
        catch (OperationCanceledException)
        {
            // Shutting down: the final flush below still runs.
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        await FlushSafelyAsync(cancellationToken);
    }

    private async Task FlushSafelyAsync(CancellationToken cancellationToken)
    {
        try
        {
            await FlushAsync(cancellationToken);
        }
        catch (Exception exception) when (Storage.Availability.StoreFailures.Is(exception) || exception is ObjectDisposedException)
        {
            // Usage is kept in the cells only until written; a failed batch is retried next time.
            LogFlushFailed(exception.GetType().Name);
        }
    }

    [LoggerMessage(EventId = 4101, Level = LogLevel.Warning, Message = "Could not write device usage ({ErrorType}); retrying at the next flush")]
    private partial void LogFlushFailed(string errorType);
}

/// <summary>One device's last use, written by polls and read by the flush, without locks or allocation.</summary>
internal sealed class UsageCell
{
    private long _lastUsedMs;
    private long _writtenMs;

    public void Touch(DateTimeOffset now) => Interlocked.Exchange(ref _lastUsedMs, now.ToUnixTimeMilliseconds());

    /// <summary>The last use not yet written, marking it written; null when nothing is new.</summary>
    public DateTimeOffset? TakeUnwritten()
    {
        var last = Interlocked.Read(ref _lastUsedMs);
        if (last == 0 || last == Interlocked.Exchange(ref _writtenMs, last))
        {
            return null;
        }

        return DateTimeOffset.FromUnixTimeMilliseconds(last);
    }

    public void MarkUnwritten() => Interlocked.Exchange(ref _writtenMs, 0);
}
