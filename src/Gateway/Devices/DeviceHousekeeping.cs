using Microsoft.Extensions.Options;
using PatrolScores.Gateway.Pairing;
using PatrolScores.Gateway.Storage.Records;

namespace PatrolScores.Gateway.Devices;

/// <summary>Every hour: removes pairing codes that expired a day ago, and devices that lapsed or were revoked.</summary>
internal sealed partial class DeviceHousekeeping(
    IDeviceCodeStore codes,
    IDeviceStore devices,
    IOptionsMonitor<PairingOptions> pairing,
    TimeProvider time,
    ILogger<DeviceHousekeeping> logger) : BackgroundService
{
    internal static readonly TimeSpan Interval = TimeSpan.FromHours(1);

    public async Task<(int Codes, int Devices)> RunOnceAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var removedCodes = await codes.DeleteExpiredAsync(now - TimeSpan.FromDays(1), cancellationToken);
        var removedDevices = await devices.DeleteUnusedAsync(now - pairing.CurrentValue.UnusedDeviceLifetime, cancellationToken);
        if (removedCodes + removedDevices > 0)
        {
            LogRemoved(removedCodes, removedDevices);
        }

        return (removedCodes, removedDevices);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    await RunOnceAsync(stoppingToken);
                }
                catch (Exception exception) when (exception is System.Data.Common.DbException or TimeoutException)
                {
                    LogFailed(exception.GetType().Name);
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Shutting down.
        }
    }

    [LoggerMessage(EventId = 4301, Level = LogLevel.Information, Message = "Housekeeping removed {Codes} expired pairing codes and {Devices} lapsed or revoked devices")]
    private partial void LogRemoved(int codes, int devices);

    [LoggerMessage(EventId = 4302, Level = LogLevel.Warning, Message = "Housekeeping failed ({ErrorType}); trying again in an hour")]
    private partial void LogFailed(string errorType);
}
