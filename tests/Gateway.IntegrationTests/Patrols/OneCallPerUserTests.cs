using System.Diagnostics;
using PatrolScores.Gateway.IntegrationTests.Infrastructure;
using PatrolScores.Gateway.Storage;
using PatrolScores.OsmSimulator;
using static PatrolScores.Gateway.IntegrationTests.Patrols.DeviceCalls;

namespace PatrolScores.Gateway.IntegrationTests.Patrols;

/// <summary>
/// Calls on behalf of one OSM user are never concurrent, across replicas: when two of a leader's
/// sections refresh at once and OSM's answer to the first is <c>X-Blocked</c> (or a 429), the second
/// call is refused by the guard instead of landing. OSM answers after 3 s (fake clock).
/// </summary>
public abstract class OneCallPerUserTests
{
    protected abstract StorageMode Mode { get; }

    protected virtual int Instances => 1;

    [SkippableFact]
    public async Task No_call_lands_after_osm_blocked_the_service()
    {
        var calls = await RefreshTwoSectionsAsync(osm => osm.BlockedOnSuccess = true);

        Assert.Equal(1, calls);
    }

    [SkippableFact]
    public async Task No_call_lands_inside_a_429_window()
    {
        var calls = await RefreshTwoSectionsAsync(osm => osm.TooManyRequests = 600);

        Assert.Equal(1, calls);
    }

    // Two sections of one leader, polled on different instances, expire together; returns the patrols
    // calls OSM received for the refresh.
    private async Task<int> RefreshTwoSectionsAsync(Action<SimulatorFaults> fault)
    {
        await using var host = await PatrolsTestHost.StartAsync(Mode, instances: Instances);
        var scouts = await host.AddDeviceAsync(100001, 10001);
        var cubs = await host.AddDeviceAsync(100001, 10002);
        using var first = host.CreateClient(0);
        using var second = host.CreateClient(Instances - 1);
        await GetAsync(first, scouts);
        await GetAsync(second, cubs);
        host.Time.Advance(TimeSpan.FromMinutes(5));
        var before = host.Osm.Calls(SimulatorEndpoints.Patrols);
        host.Osm.Faults.Latency = TimeSpan.FromSeconds(3);
        fault(host.Osm.Faults);

        var polls = Task.WhenAll(SendAsync(first, scouts), SendAsync(second, cubs));
        var waited = Stopwatch.StartNew();
        while (!polls.IsCompleted)
        {
            Assert.True(waited.Elapsed < TimeSpan.FromSeconds(30), "the polls did not finish");
            host.Time.Advance(TimeSpan.FromMilliseconds(500));
            await Task.Delay(25);
        }

        foreach (var response in await polls)
        {
            Assert.True((int)response.StatusCode < 500 || response.StatusCode == System.Net.HttpStatusCode.ServiceUnavailable, $"HTTP {(int)response.StatusCode}");
            response.Dispose();
        }

        return host.Osm.Calls(SimulatorEndpoints.Patrols) - before;
    }
}

public sealed class EmbeddedOneCallPerUserTests : OneCallPerUserTests
{
    protected override StorageMode Mode => StorageMode.Embedded;
}

public sealed class TwoReplicaOneCallPerUserTests : OneCallPerUserTests
{
    protected override StorageMode Mode => StorageMode.Distributed;

    protected override int Instances => 2;
}
