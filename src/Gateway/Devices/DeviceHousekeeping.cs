using Microsoft.Extensions.Options;
using PatrolScores.Gateway.Concurrency;
using PatrolScores.Gateway.Devices.Pairing;
using PatrolScores.Gateway.Storage.Records;

namespace PatrolScores.Gateway.Devices;

/// <summary>Every hour: removes pairing codes that expired a day ago, and devices that lapsed or were revoked.</summary>
internal sealed partial class DeviceHousekeeping(
    IDeviceCodeStore codes,
    IDeviceStore devices,
    IOptionsMonitor<PairingOptions> pairing,
    TimeProvider time,
    ILogger<DeviceHousekeeping> logger) : HourlyJob(time, logger)
{
    public async Task<(int Codes, int Devices)> RunOnceAsync(CancellationToken cancellationToken)
    {
        var now = Clock.GetUtcNow();
        var removedCodes = await codes.DeleteExpiredAsync(now - TimeSpan.FromDays(1), cancellationToken);
        var removedDevices = await devices.DeleteUnusedAsync(now - pairing.CurrentValue.UnusedDeviceLifetime, cancellationToken);
        if (removedCodes + removedDevices > 0)
        {
            LogRemoved(Logger, removedCodes, removedDevices);
        }

        return (removedCodes, removedDevices);
    }

    protected override string JobName => "Device housekeeping";

    protected override Task RunRoundAsync(CancellationToken cancellationToken) => RunOnceAsync(cancellationToken);

    [LoggerMessage(EventId = 4301, Level = LogLevel.Information, Message = "Housekeeping removed {Codes} expired pairing codes and {Devices} lapsed or revoked devices")]
    private static partial void LogRemoved(ILogger logger, int codes, int devices);
}
