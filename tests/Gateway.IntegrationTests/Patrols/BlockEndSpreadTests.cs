using PatrolScores.Gateway.IntegrationTests.Infrastructure;
using PatrolScores.Gateway.Patrols.Fetching;
using PatrolScores.Gateway.Storage;
using PatrolScores.Gateway.Storage.Ephemeral;
using PatrolScores.OsmSimulator;
using static PatrolScores.Gateway.IntegrationTests.Patrols.DeviceCalls;

namespace PatrolScores.Gateway.IntegrationTests.Patrols;

/// <summary>
/// When a leader's 429 window ends, their sections do not all call OSM in the same moment (the burst
/// that earned the block): each is told, and asks at, the block's end plus its own offset within
/// <c>Freshness:BlockEndSpread</c> (1 min), the same on every replica. Polled every second through the
/// window, each section makes exactly one call, at its own second.
/// </summary>
public sealed class BlockEndSpreadTests
{
    private const long Term = 50263;

    [SkippableTheory]
    [InlineData(StorageMode.Embedded, 1)]
    [InlineData(StorageMode.Distributed, 2)]
    public async Task After_a_429_window_each_section_asks_again_at_its_own_time(StorageMode mode, int instances)
    {
        await using var host = await PatrolsTestHost.StartAsync(mode, instances: instances);
        var scouts = await host.AddDeviceAsync(100001, 10001);
        var cubs = await host.AddDeviceAsync(100001, 10002);
        using var first = host.CreateClient(0);
        using var second = host.CreateClient(instances - 1);
        await GetAsync(first, scouts);
        await GetAsync(second, cubs);
        host.Time.Advance(TimeSpan.FromMinutes(6));

        host.Osm.Faults.TooManyRequests = 600;
        var blockEnd = host.Time.GetUtcNow().AddSeconds(600);
        var scoutsStale = await GetAsync(first, scouts);
        host.Osm.Faults.Clear();
        var cubsStale = await GetAsync(second, cubs);
        var callsAtBlock = host.Osm.Calls(SimulatorEndpoints.Patrols);

        // Each board is told its own time, past the block's end.
        var scoutsAt = blockEnd + RefreshSpread.Offset(new ScoreCacheKey(10001, Term), TimeSpan.FromMinutes(1));
        var cubsAt = blockEnd + RefreshSpread.Offset(new ScoreCacheKey(10002, Term), TimeSpan.FromMinutes(1));
        Assert.NotEqual(scoutsAt, cubsAt);
        Assert.Equal(scoutsAt, scoutsStale.ExpiresAt);
        Assert.Equal(cubsAt, cubsStale.ExpiresAt);
        Assert.Equal("USER_TEMPORARY_BLOCK", scoutsStale.State);
        Assert.Equal("USER_TEMPORARY_BLOCK", cubsStale.State);

        // Polled every second from the block's end: each section fetches once, at its own second.
        host.Time.Advance(blockEnd - host.Time.GetUtcNow());
        DateTimeOffset? scoutsFetched = null, cubsFetched = null;
        for (var tick = 0; tick <= 61; tick++)
        {
            var now = host.Time.GetUtcNow();
            if ((await GetAsync(first, scouts)).Cache == "MISS")
            {
                Assert.Null(scoutsFetched);
                scoutsFetched = now;
            }

            if ((await GetAsync(second, cubs)).Cache == "MISS")
            {
                Assert.Null(cubsFetched);
                cubsFetched = now;
            }

            host.Time.Advance(TimeSpan.FromSeconds(1));
        }

        Assert.Equal(scoutsAt, scoutsFetched);
        Assert.Equal(cubsAt, cubsFetched);
        Assert.Equal(callsAtBlock + 2, host.Osm.Calls(SimulatorEndpoints.Patrols));
    }
}
