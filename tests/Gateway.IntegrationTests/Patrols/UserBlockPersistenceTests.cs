using PatrolScores.Gateway.IntegrationTests.Infrastructure;
using PatrolScores.Gateway.Storage;
using PatrolScores.OsmSimulator;
using static PatrolScores.Gateway.IntegrationTests.Patrols.DeviceCalls;

namespace PatrolScores.Gateway.IntegrationTests.Patrols;

/// <summary>
/// A user's 429 block is a record: Redis restarted empty inside the window, and a replica that has
/// never seen the 429 (as a restarted one would be), make no call to OSM for that user until it ends.
/// </summary>
public sealed class UserBlockPersistenceTests
{
    [SkippableFact]
    public async Task A_user_block_outlives_an_empty_redis_and_binds_a_replica_that_never_saw_the_429()
    {
        await using var host = await PatrolsTestHost.StartAsync(StorageMode.Distributed, instances: 2, settings: PatrolsTestHost.ExactBlockEnds());
        var token = await host.AddDeviceAsync();
        using var first = host.CreateClient(0);
        using var second = host.CreateClient(1);
        await GetAsync(first, token);
        host.Time.Advance(TimeSpan.FromMinutes(5));
        host.Osm.Faults.TooManyRequests = 600;
        Assert.Equal("USER_TEMPORARY_BLOCK", (await GetAsync(first, token)).State);
        host.Osm.Faults.Clear();
        var callsAtBlock = host.Osm.TotalCalls;

        await host.EmptyRedisAsync();
        host.Time.Advance(TimeSpan.FromMinutes(5));
        var answer = await GetAsync(second, token);

        // The empty Redis took the shared copy; the second replica still holds the one the first announced when
        // it fetched it (ScoreChangeFeed): it serves that, marked with the block it never saw, and OSM sees nothing.
        Assert.Equal("USER_TEMPORARY_BLOCK", answer.State);
        Assert.Equal("2026-11-23T14:45:00Z", answer.ExpiresAtText);
        Assert.Equal(callsAtBlock, host.Osm.TotalCalls);

        // The block ends when OSM said: the next poll after it calls again.
        host.Time.Advance(TimeSpan.FromMinutes(6));
        Assert.Equal("MISS", (await GetAsync(second, token)).Cache);
    }
}
