using PatrolScores.Gateway.IntegrationTests.Infrastructure;
using PatrolScores.Gateway.Storage;
using PatrolScores.OsmSimulator;
using static PatrolScores.Gateway.IntegrationTests.Patrols.DeviceCalls;

namespace PatrolScores.Gateway.IntegrationTests.Patrols;

/// <summary>
/// The freshness table through HTTP: the <c>X-RateLimit-Remaining</c> on OSM's patrols answer decides
/// how long the scores stay fresh (<c>cache_expires_at − cached_at</c>) and the state a device is told.
/// </summary>
public abstract class FreshnessTierTests
{
    private const long UserId = 100001;

    protected abstract StorageMode Mode { get; }

    [SkippableTheory]
    [InlineData(300, 5, "NONE")]
    [InlineData(150, 10, "DEGRADED")]
    [InlineData(90, 15, "DEGRADED")]
    [InlineData(10, 30, "DEGRADED")]
    public async Task The_remaining_budget_on_the_patrols_answer_sets_the_ttl_and_the_state(int remaining, int ttlMinutes, string state)
    {
        await using var host = await PatrolsTestHost.StartAsync(Mode);
        var token = await host.AddDeviceAsync();
        using var client = host.CreateClient();

        var answer = await FetchWithRemainingAsync(host, client, token, remaining);
        host.Time.Advance(TimeSpan.FromMinutes(ttlMinutes) - TimeSpan.FromSeconds(1));
        var lastHit = await GetAsync(client, token);

        Assert.Equal("MISS", answer.Cache);
        Assert.Equal(PatrolsTestHost.DefaultStart, answer.CachedAt);
        Assert.Equal(TimeSpan.FromMinutes(ttlMinutes), answer.Ttl);
        Assert.Equal(state, answer.State);
        Assert.Equal($"private, max-age={ttlMinutes * 60}", answer.CacheControl);
        Assert.Equal("HIT", lastHit.Cache);
        Assert.Equal(state, lastHit.State);
        Assert.Equal(1, host.Osm.Calls(SimulatorEndpoints.Patrols));
    }

    [SkippableFact]
    public async Task Configured_tiers_change_the_ttl()
    {
        await using var host = await PatrolsTestHost.StartAsync(Mode, settings: new Dictionary<string, string?>
        {
            ["Freshness:Tiers:0:RemainingBelow"] = "500",
            ["Freshness:Tiers:0:Ttl"] = "00:20:00",
        });
        var token = await host.AddDeviceAsync();
        using var client = host.CreateClient();

        var answer = await FetchWithRemainingAsync(host, client, token, 300);

        Assert.Equal(TimeSpan.FromMinutes(20), answer.Ttl);
        Assert.Equal("NONE", answer.State);
    }

    [SkippableFact]
    public async Task A_configured_degraded_threshold_changes_the_state()
    {
        await using var host = await PatrolsTestHost.StartAsync(Mode, settings: new Dictionary<string, string?>
        {
            ["Freshness:DegradedBelow"] = "500",
        });
        var token = await host.AddDeviceAsync();
        using var client = host.CreateClient();

        var answer = await FetchWithRemainingAsync(host, client, token, 300);

        Assert.Equal(TimeSpan.FromMinutes(5), answer.Ttl);
        Assert.Equal("DEGRADED", answer.State);
    }

    [SkippableFact]
    public async Task An_answer_without_rate_limit_headers_means_unknown_not_zero()
    {
        await using var host = await PatrolsTestHost.StartAsync(Mode);
        var token = await host.AddDeviceAsync();
        using var client = host.CreateClient();
        host.Osm.Faults.OmitRateLimitHeaders = true;

        // Almost spent: read as a number this would mean 30 minutes and DEGRADED.
        var answer = await FetchWithRemainingAsync(host, client, token, 10);

        Assert.Equal(TimeSpan.FromMinutes(5), answer.Ttl);
        Assert.Equal("NONE", answer.State);
        Assert.Equal(["Badgers", "Eagles", "Wolves"], answer.Names);
    }

    /// <summary>
    /// The first request costs a term lookup and a patrols call, each using one request of the user's
    /// allowance: start two above, so that the patrols answer carries <paramref name="remaining"/>.
    /// </summary>
    private static async Task<DeviceAnswer> FetchWithRemainingAsync(PatrolsTestHost host, HttpClient client, string token, int remaining)
    {
        host.Osm.SetRemaining(UserId, remaining + 2);
        var answer = await GetAsync(client, token);
        Assert.Equal(1, host.Osm.Calls(SimulatorEndpoints.Resource));
        Assert.Equal(1, host.Osm.Calls(SimulatorEndpoints.Patrols));
        Assert.Equal(remaining, host.Osm.GetRemaining(UserId));
        return answer;
    }
}

public sealed class EmbeddedFreshnessTierTests : FreshnessTierTests
{
    protected override StorageMode Mode => StorageMode.Embedded;
}

public sealed class DistributedFreshnessTierTests : FreshnessTierTests
{
    protected override StorageMode Mode => StorageMode.Distributed;
}
