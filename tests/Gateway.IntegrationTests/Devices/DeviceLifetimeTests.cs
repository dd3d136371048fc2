using System.Net;
using Microsoft.Extensions.DependencyInjection;
using PatrolScores.Gateway.Devices;
using PatrolScores.Gateway.IntegrationTests.Infrastructure;
using PatrolScores.Gateway.Storage;
using PatrolScores.Gateway.Storage.Records;
using static PatrolScores.Gateway.IntegrationTests.Patrols.DeviceCalls;

namespace PatrolScores.Gateway.IntegrationTests.Devices;

/// <summary>Revocation, lapse after long disuse, batched last-used times and housekeeping.</summary>
public abstract class DeviceLifetimeTests
{
    protected abstract StorageMode Mode { get; }

    [SkippableFact]
    public async Task A_revoked_device_is_refused_on_its_next_request()
    {
        await using var host = await PatrolsTestHost.StartAsync(Mode);
        var token = await host.AddDeviceAsync();
        using var client = host.CreateClient();
        await GetAsync(client, token);
        await GetAsync(client, token);

        Assert.True(await host.Services.GetRequiredService<DeviceRevocations>().RevokeAsync(await DeviceIdAsync(host, token), "test", null, default));
        var refused = await GetErrorAsync(client, token);

        Assert.Equal(HttpStatusCode.Unauthorized, refused.Status);
        Assert.Equal("unauthorized", refused.Body.GetProperty("error").GetString());
    }

    [SkippableFact]
    public async Task Last_used_is_written_in_batches_not_per_poll()
    {
        await using var host = await PatrolsTestHost.StartAsync(Mode);
        var token = await host.AddDeviceAsync();
        using var client = host.CreateClient();
        var deviceId = await DeviceIdAsync(host, token);
        var devices = host.Services.GetRequiredService<IDeviceStore>();

        await GetAsync(client, token);
        host.Time.Advance(TimeSpan.FromSeconds(20));
        await GetAsync(client, token);
        var beforeFlush = (await devices.GetAsync(deviceId, default))!.LastUsedAt;
        var written = await host.Services.GetRequiredService<DeviceUsageRecorder>().FlushAsync(default);
        var afterFlush = (await devices.GetAsync(deviceId, default))!.LastUsedAt;

        Assert.Null(beforeFlush);
        Assert.Equal(1, written);
        Assert.Equal(host.Time.GetUtcNow(), afterFlush);
        Assert.Equal(0, await host.Services.GetRequiredService<DeviceUsageRecorder>().FlushAsync(default));
    }

    [SkippableFact]
    public async Task A_device_unused_for_thirty_days_lapses_and_housekeeping_removes_it()
    {
        // Early in the autumn term, so that thirty days later the section is still in term.
        await using var host = await PatrolsTestHost.StartAsync(Mode, start: new DateTimeOffset(2026, 9, 2, 12, 0, 0, TimeSpan.Zero));
        var token = await host.AddDeviceAsync();
        var used = await host.AddDeviceAsync();
        using var client = host.CreateClient();
        var lapsedId = await DeviceIdAsync(host, token);

        host.Time.Advance(TimeSpan.FromDays(29));
        await GetAsync(client, used);
        await host.Services.GetRequiredService<DeviceUsageRecorder>().FlushAsync(default);
        host.Time.Advance(TimeSpan.FromDays(1) + TimeSpan.FromMinutes(1));
        var lapsed = await GetErrorAsync(client, token);
        await host.Services.GetRequiredService<DeviceUsageRecorder>().FlushAsync(default);

        // The hourly job runs in the background as the clock moves on (it removes the lapsed device at
        // the first tick after it lapsed): wait for that round to finish, then running the job again
        // finds nothing more to remove.
        var store = host.Services.GetRequiredService<IDeviceStore>();
        for (var i = 0; i < 100 && await store.GetAsync(lapsedId, default) is not null; i++)
        {
            await Task.Delay(50);
        }

        var (_, removedAgain) = await host.Services.GetRequiredService<DeviceHousekeeping>().RunOnceAsync(default);

        Assert.Equal(HttpStatusCode.Unauthorized, lapsed.Status);
        Assert.Equal(0, removedAgain);
        Assert.Null(await host.Services.GetRequiredService<IDeviceStore>().GetAsync(lapsedId, default));
        Assert.Equal(["Badgers", "Eagles", "Wolves"], (await GetAsync(client, used)).Names);
    }

    private static async Task<string> DeviceIdAsync(PatrolsTestHost host, string token) =>
        (await host.Services.GetRequiredService<IDeviceStore>().FindByTokenHashAsync(DeviceTokenHash.Compute(token), default))!.Id;
}

public sealed class EmbeddedDeviceLifetimeTests : DeviceLifetimeTests
{
    protected override StorageMode Mode => StorageMode.Embedded;
}

public sealed class DistributedDeviceLifetimeTests : DeviceLifetimeTests
{
    protected override StorageMode Mode => StorageMode.Distributed;

    [SkippableFact]
    public async Task Revocation_on_one_instance_is_seen_by_another_on_its_next_request()
    {
        await using var host = await PatrolsTestHost.StartAsync(StorageMode.Distributed, instances: 2);
        var token = await host.AddDeviceAsync();
        using var first = host.CreateClient(0);
        using var second = host.CreateClient(1);
        await GetAsync(second, token);
        await GetAsync(second, token); // remembered by the second instance

        var deviceId = (await host.Services.GetRequiredService<IDeviceStore>().FindByTokenHashAsync(DeviceTokenHash.Compute(token), default))!.Id;
        Assert.True(await host.Services.GetRequiredService<DeviceRevocations>().RevokeAsync(deviceId, "test", null, default));
        var refused = await GetErrorAsync(second, token);

        Assert.Equal(HttpStatusCode.Unauthorized, refused.Status);
        Assert.Equal(HttpStatusCode.Unauthorized, (await GetErrorAsync(first, token)).Status);
    }
}
