using Microsoft.Extensions.Options;
using PatrolScores.Gateway.Devices;
using PatrolScores.Gateway.Osm.Tokens;
using PatrolScores.Gateway.Storage.Records;

namespace PatrolScores.Gateway.Demo;

/// <summary>Stores the configured demo device (and its OSM user) at start-up, when one is configured.</summary>
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
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(EventId = 9001, Level = LogLevel.Information, Message = "Demo device {DeviceLogId} is paired to section {SectionId}")]
    private partial void LogSeeded(string deviceLogId, long sectionId);
}
