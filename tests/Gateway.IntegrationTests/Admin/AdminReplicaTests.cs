using System.Net;
using PatrolScores.Gateway.IntegrationTests.Infrastructure;
using PatrolScores.Gateway.Storage;
using PatrolScores.OsmSimulator;
using static PatrolScores.Gateway.IntegrationTests.Admin.AdminClient;
using static PatrolScores.Gateway.IntegrationTests.Patrols.DeviceCalls;

namespace PatrolScores.Gateway.IntegrationTests.Admin;

/// <summary>
/// Two replicas sharing PostgreSQL and Redis: an operator's call on one changes what the other does on
/// its very next request (no waiting for back-offs or cache lifetimes).
/// </summary>
public sealed class AdminReplicaTests
{
    [SkippableFact]
    public async Task Lifting_the_global_block_on_one_replica_lets_the_other_call_OSM_on_its_next_request()
    {
        await using var host = await PatrolsTestHost.StartAsync(StorageMode.Distributed, settings: Settings(), instances: 2);
        host.TreatAsSecret(Key);
        var token = await host.AddDeviceAsync();
        using var first = host.CreateClient(0);
        using var second = host.CreateClient(1);
        await GetAsync(second, token);
        host.Time.Advance(TimeSpan.FromMinutes(6));
        host.Osm.Faults.BlockedWithStatus = 403;
        Assert.Equal("SERVICE_BLOCKED", (await GetAsync(second, token)).State);
        host.Osm.Faults.Clear();
        Assert.Equal("SERVICE_BLOCKED", (await GetAsync(second, token)).State);

        var cleared = await AdminPostAsync(first, "/admin/api/global-block/clear", new { reason = "lifted by OSM" });
        var resumed = await GetAsync(second, token);

        Assert.Equal(HttpStatusCode.OK, cleared.Status);
        Assert.Equal("MISS", resumed.Cache);
        Assert.Equal("NONE", resumed.State);
        Assert.Equal(3, host.Osm.Calls(SimulatorEndpoints.Patrols));
    }

    [SkippableFact]
    public async Task Invalidating_a_section_on_one_replica_makes_the_other_refetch_on_its_next_request()
    {
        await using var host = await PatrolsTestHost.StartAsync(StorageMode.Distributed, settings: Settings(), instances: 2);
        host.TreatAsSecret(Key);
        var token = await host.AddDeviceAsync();
        using var first = host.CreateClient(0);
        using var second = host.CreateClient(1);
        await GetAsync(second, token);
        Assert.Equal("HIT", (await GetAsync(second, token)).Cache);
        host.Osm.SetPatrolPoints(10001, 72700, 77);

        await AdminPostAsync(first, "/admin/api/sections/10001/invalidate");
        var refreshed = await GetAsync(second, token);

        Assert.Equal("MISS", refreshed.Cache);
        Assert.Contains(77, refreshed.Scores);
        Assert.Equal(2, host.Osm.Calls(SimulatorEndpoints.Patrols));
    }
}
