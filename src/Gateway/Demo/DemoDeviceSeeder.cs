using Microsoft.Extensions.Options;
using PatrolScores.Gateway.Devices;
using PatrolScores.Gateway.Osm.Tokens;
using PatrolScores.Gateway.Storage.Records;

namespace PatrolScores.Gateway.Demo;

/// <summary>
/// Stores the configured demo device (and its OSM user) at start-up, when one is configured, and the
/// <c>Demo:Device:ExtraDevices</c> more on the same user and section. Devices already stored are kept, so a
/// persistent store is seeded once; start-up waits for the seeding (thousands of rows take seconds).
/// </summary>
internal sealed partial class DemoDeviceSeeder(
    IOptions<DemoDeviceOptions> options,
    IDeviceStore devices,
    IOsmUserStore users,
    OsmTokenProtector protector,
    TimeProvider time,
    ILogger<DemoDeviceSeeder> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var demo = options.Value;
        if (!demo.IsConfigured || demo.OsmAccessToken is null || demo.OsmUserId <= 0)
        {
            return;
        }

        var now = time.GetUtcNow();
        await users.UpsertAsync(
            new OsmUserRecord(demo.OsmUserId, protector.Protect(demo.OsmAccessToken), protector.Protect(demo.OsmRefreshToken ?? ""), now.AddHours(1), now),
            cancellationToken);

        var tokenHash = DeviceTokenHash.Compute(demo.Token);
        if (await devices.FindByTokenHashAsync(tokenHash, cancellationToken) is null)
        {
            await devices.AddAsync(new DeviceRecord($"demo-{tokenHash[..8]}", tokenHash, "Demo scoreboard", demo.OsmUserId, demo.SectionId, now), cancellationToken);
        }

        LogSeeded(DeviceTokenHash.LogId(tokenHash), demo.SectionId);

        var added = 0;
        for (var number = 1; number <= demo.ExtraDevices; number++)
        {
            var extraHash = DeviceTokenHash.Compute(demo.ExtraToken(number));
            if (await devices.FindByTokenHashAsync(extraHash, cancellationToken) is null)
            {
                // The number keeps ids unique where 8 hex digits of thousands of hashes might not be.
                await devices.AddAsync(new DeviceRecord($"demo-{number}-{extraHash[..8]}", extraHash, $"Demo scoreboard {number}", demo.OsmUserId, demo.SectionId, now), cancellationToken);
                added++;
            }
        }

        if (demo.ExtraDevices > 0)
        {
            LogExtraSeeded(demo.ExtraDevices, added, demo.SectionId);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(EventId = 9001, Level = LogLevel.Information, Message = "Demo device {DeviceLogId} is paired to section {SectionId}")]
    private partial void LogSeeded(string deviceLogId, long sectionId);

    [LoggerMessage(EventId = 9002, Level = LogLevel.Information, Message = "{Count} extra demo device(s) are paired to section {SectionId} ({Added} added now)")]
    private partial void LogExtraSeeded(int count, int added, long sectionId);
}
