using System.Net;
using PatrolScores.Gateway.IntegrationTests.Infrastructure;
using PatrolScores.Gateway.Storage;
using PatrolScores.OsmSimulator;
using static PatrolScores.Gateway.IntegrationTests.Patrols.DeviceCalls;

namespace PatrolScores.Gateway.IntegrationTests.Patrols;

/// <summary>The patrols route end to end: device → gateway (YARP) → simulated OSM over real HTTP, in each storage mode.</summary>
public abstract class PatrolScoresTests
{
    protected abstract StorageMode Mode { get; }

    [SkippableFact]
    public async Task A_device_gets_the_real_patrols_sorted_then_a_hit_with_no_upstream_call()
    {
        await using var host = await PatrolsTestHost.StartAsync(Mode);
        var token = await host.AddDeviceAsync();
        using var client = host.CreateClient();

        var first = await GetAsync(client, token);
        var second = await GetAsync(client, token);

        Assert.Equal("MISS", first.Cache);
        Assert.Equal("HIT", second.Cache);
        Assert.Equal(["Badgers", "Eagles", "Wolves"], first.Names);
        Assert.Equal([-5, 32, 47], first.Scores);
        Assert.False(first.Body.GetProperty("from_cache").GetBoolean());
        Assert.True(second.Body.GetProperty("from_cache").GetBoolean());
        Assert.Equal("2026-11-23T14:30:00Z", second.Body.GetProperty("cached_at").GetString());
        Assert.Equal("2026-11-23T14:35:00Z", second.Body.GetProperty("cache_expires_at").GetString());
        Assert.Equal("NONE", second.Body.GetProperty("rate_limit_state").GetString());
        Assert.Equal("private, max-age=300", second.CacheControl);
        Assert.Equal(1, host.Osm.Calls(SimulatorEndpoints.Patrols));
        Assert.Equal(1, host.Osm.Calls(SimulatorEndpoints.Resource));
    }

    [SkippableFact]
    public async Task After_valid_until_one_upstream_call_refreshes_the_entry()
    {
        await using var host = await PatrolsTestHost.StartAsync(Mode);
        var token = await host.AddDeviceAsync();
        using var client = host.CreateClient();
        await GetAsync(client, token);

        host.Time.Advance(TimeSpan.FromMinutes(4) + TimeSpan.FromSeconds(59));
        Assert.Equal("HIT", (await GetAsync(client, token)).Cache);
        host.Time.Advance(TimeSpan.FromSeconds(1));
        host.Osm.SetPatrolPoints(10001, 72700, 40);
        var refreshed = await GetAsync(client, token);

        Assert.Equal("MISS", refreshed.Cache);
        Assert.Equal([-5, 40, 47], refreshed.Scores);
        Assert.Equal(2, host.Osm.Calls(SimulatorEndpoints.Patrols));
    }

    [SkippableFact]
    public async Task Ten_devices_sending_fifty_concurrent_requests_cause_one_upstream_call()
    {
        await using var host = await PatrolsTestHost.StartAsync(Mode);
        var tokens = new List<string>();
        for (var i = 0; i < 10; i++)
        {
            tokens.Add(await host.AddDeviceAsync());
        }

        using var client = host.CreateClient();
        var responses = await Task.WhenAll(Enumerable.Range(0, 50).Select(i => GetAsync(client, tokens[i % 10])));

        Assert.All(responses, r => Assert.Equal(["Badgers", "Eagles", "Wolves"], r.Names));
        Assert.Equal(1, host.Osm.Calls(SimulatorEndpoints.Patrols));
        Assert.Equal(1, host.Osm.Calls(SimulatorEndpoints.Resource));
    }

    [SkippableFact]
    public async Task X_blocked_stops_every_upstream_call_and_the_stale_copy_is_served_marked()
    {
        await using var host = await PatrolsTestHost.StartAsync(Mode);
        var token = await host.AddDeviceAsync();
        var otherUsersToken = await host.AddDeviceAsync(userId: 100002, sectionId: 20001);
        using var client = host.CreateClient();
        await GetAsync(client, token);

        host.Osm.Faults.BlockedWithStatus = 403;
        host.Time.Advance(TimeSpan.FromMinutes(6));
        var blocked = await GetAsync(client, token);
        var callsAfterBlock = host.Osm.TotalCalls;
        host.Time.Advance(TimeSpan.FromMinutes(30));
        var later = await GetAsync(client, token);
        using var otherUser = await SendAsync(client, otherUsersToken);

        Assert.Equal("SERVICE_BLOCKED", blocked.Body.GetProperty("rate_limit_state").GetString());
        Assert.True(blocked.Body.GetProperty("from_cache").GetBoolean());
        Assert.Equal(["Badgers", "Eagles", "Wolves"], later.Names);
        Assert.Equal("SERVICE_BLOCKED", later.Body.GetProperty("rate_limit_state").GetString());
        Assert.Equal(HttpStatusCode.ServiceUnavailable, otherUser.StatusCode);
        Assert.Contains("\"error\":\"service_blocked\"", await otherUser.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(callsAfterBlock, host.Osm.TotalCalls);
    }

    [SkippableFact]
    public async Task A_429_blocks_that_user_for_retry_after_and_the_stale_copy_says_when()
    {
        await using var host = await PatrolsTestHost.StartAsync(Mode, settings: PatrolsTestHost.ExactBlockEnds());
        var token = await host.AddDeviceAsync();
        using var client = host.CreateClient();
        await GetAsync(client, token);

        host.Osm.Faults.TooManyRequests = 600;
        host.Time.Advance(TimeSpan.FromMinutes(5));
        var limited = await GetAsync(client, token);
        host.Osm.Faults.Clear();
        host.Time.Advance(TimeSpan.FromMinutes(5));
        var stillBlocked = await GetAsync(client, token);

        Assert.Equal("USER_TEMPORARY_BLOCK", limited.Body.GetProperty("rate_limit_state").GetString());
        Assert.Equal("2026-11-23T14:45:00Z", limited.Body.GetProperty("cache_expires_at").GetString());
        Assert.Equal("USER_TEMPORARY_BLOCK", stillBlocked.Body.GetProperty("rate_limit_state").GetString());
        Assert.Equal(2, host.Osm.Calls(SimulatorEndpoints.Patrols));
    }

    [SkippableFact]
    public async Task An_unknown_token_gets_401_with_the_json_error()
    {
        await using var host = await PatrolsTestHost.StartAsync(Mode);
        using var client = host.CreateClient();

        using var response = await SendAsync(client, "not-a-device");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Bearer", response.Headers.WwwAuthenticate.ToString());
        Assert.Contains("\"error\":\"unauthorized\"", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(0, host.Osm.TotalCalls);
    }
}

public sealed class EmbeddedPatrolScoresTests : PatrolScoresTests
{
    protected override StorageMode Mode => StorageMode.Embedded;
}

public sealed class DistributedPatrolScoresTests : PatrolScoresTests
{
    protected override StorageMode Mode => StorageMode.Distributed;
}
