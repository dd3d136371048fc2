using System.Net;
using Microsoft.Extensions.DependencyInjection;
using PatrolScores.Gateway.IntegrationTests.Infrastructure;
using PatrolScores.Gateway.Storage;
using PatrolScores.Gateway.Storage.Records;
using PatrolScores.OsmSimulator;
using static PatrolScores.Gateway.IntegrationTests.Patrols.DeviceCalls;

namespace PatrolScores.Gateway.IntegrationTests.Patrols;

/// <summary>
/// <c>X-Blocked</c> (on an otherwise good 200 too): the whole application is blocked. That answer's
/// scores are not served, nothing more is sent to OSM for anyone, and calls resume only once the block
/// is cleared through the store.
/// </summary>
public abstract class XBlockedTests
{
    protected abstract StorageMode Mode { get; }

    [SkippableFact]
    public async Task X_blocked_on_a_200_discards_its_scores_and_stops_every_call_until_the_block_is_cleared()
    {
        await using var host = await PatrolsTestHost.StartAsync(Mode);
        var token = await host.AddDeviceAsync();
        var otherUsersToken = await host.AddDeviceAsync(userId: 100002, sectionId: 20001);
        using var client = host.CreateClient();
        await GetAsync(client, token);

        host.Osm.SetPatrolPoints(10001, 72700, 40);
        host.Osm.Faults.BlockedOnSuccess = true;
        host.Time.Advance(TimeSpan.FromMinutes(6));
        var blocked = await GetAsync(client, token);
        var callsAfterBlock = host.Osm.TotalCalls;

        // OSM would answer normally now: only the gateway's own block keeps it from asking.
        host.Osm.Faults.Clear();
        host.Time.Advance(TimeSpan.FromMinutes(1));
        var otherUser = await GetErrorAsync(client, otherUsersToken);
        var stillBlocked = await GetAsync(client, token);

        Assert.Equal(2, host.Osm.Calls(SimulatorEndpoints.Patrols));
        Assert.Equal([-5, 32, 47], blocked.Scores);
        Assert.True(blocked.FromCache);
        Assert.Equal("SERVICE_BLOCKED", blocked.State);
        Assert.Equal("2026-11-23T14:30:00Z", blocked.CachedAtText);
        Assert.Equal("2026-11-23T14:51:00Z", blocked.ExpiresAtText);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, otherUser.Status);
        Assert.Equal("service_blocked", otherUser.Error);
        Assert.Equal("900", otherUser.RetryAfterHeader);
        Assert.Equal([-5, 32, 47], stillBlocked.Scores);
        Assert.Equal("SERVICE_BLOCKED", stillBlocked.State);
        Assert.Equal(callsAfterBlock, host.Osm.TotalCalls);
        Assert.Equal(0, host.Osm.Calls(SimulatorEndpoints.Resource, 100002));

        Assert.True(await host.Services.GetRequiredService<IGlobalBlockStore>().ClearAsync(default));
        host.Time.Advance(TimeSpan.FromMinutes(15));
        var resumed = await GetAsync(client, token);

        Assert.Equal("MISS", resumed.Cache);
        Assert.False(resumed.FromCache);
        Assert.Equal("NONE", resumed.State);
        Assert.Equal([-5, 40, 47], resumed.Scores);
        Assert.Equal(3, host.Osm.Calls(SimulatorEndpoints.Patrols));
    }

    [SkippableTheory]
    [InlineData(200)]
    [InlineData(403)]
    public async Task X_blocked_on_the_very_first_call_is_503_service_blocked_for_everyone(int status)
    {
        await using var host = await PatrolsTestHost.StartAsync(Mode);
        var token = await host.AddDeviceAsync();
        var otherUsersToken = await host.AddDeviceAsync(userId: 100002, sectionId: 20001);
        using var client = host.CreateClient();
        if (status == 200)
        {
            host.Osm.Faults.BlockedOnSuccess = true;
        }
        else
        {
            host.Osm.Faults.BlockedWithStatus = status;
        }

        var first = await GetErrorAsync(client, token);
        var callsAfterBlock = host.Osm.TotalCalls;
        var otherUser = await GetErrorAsync(client, otherUsersToken);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, first.Status);
        Assert.Equal("service_blocked", first.Error);
        Assert.Equal("900", first.RetryAfterHeader);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, otherUser.Status);
        Assert.Equal("service_blocked", otherUser.Error);
        Assert.Equal(callsAfterBlock, host.Osm.TotalCalls);
        Assert.NotNull(await host.Services.GetRequiredService<IGlobalBlockStore>().GetAsync(default));
    }
}

public sealed class EmbeddedXBlockedTests : XBlockedTests
{
    protected override StorageMode Mode => StorageMode.Embedded;
}

public sealed class DistributedXBlockedTests : XBlockedTests
{
    protected override StorageMode Mode => StorageMode.Distributed;
}
