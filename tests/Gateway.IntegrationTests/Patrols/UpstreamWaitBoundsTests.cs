using System.Net;
using PatrolScores.Gateway.IntegrationTests.Infrastructure;
using PatrolScores.Gateway.Storage;
using PatrolScores.OsmSimulator;
using static PatrolScores.Gateway.IntegrationTests.Patrols.DeviceCalls;

namespace PatrolScores.Gateway.IntegrationTests.Patrols;

/// <summary>
/// Times taken from OSM are bounded (<c>Freshness:MaxUpstreamWait</c>, an hour by default, as OSM's
/// limits are hourly): a 429 whose <c>X-RateLimit-Reset</c> is an epoch time where seconds belong must
/// not block the leader for decades, nor tell scoreboards (whose next poll is <c>cache_expires_at</c>)
/// to come back in 2083. A <c>Retry-After</c> date in the past blocks for a second, not forever or never.
/// </summary>
public abstract class UpstreamWaitBoundsTests
{
    protected abstract StorageMode Mode { get; }

    [SkippableFact]
    public async Task An_epoch_time_as_rate_limit_reset_blocks_for_an_hour_with_or_without_a_copy()
    {
        await using var host = await PatrolsTestHost.StartAsync(Mode, settings: PatrolsTestHost.ExactBlockEnds());
        var withCopy = await host.AddDeviceAsync(100001, 10001);
        var withoutCopy = await host.AddDeviceAsync(100001, 10002);
        using var client = host.CreateClient();
        await GetAsync(client, withCopy);
        host.Time.Advance(TimeSpan.FromMinutes(5));
        host.Osm.Faults.TooManyRequests = 600;
        host.Osm.Faults.RetryAfterHeader = false;
        host.Osm.Faults.RateLimitResetText = "1796050000";

        var stale = await GetAsync(client, withCopy);
        var limited = await GetErrorAsync(client, withoutCopy);

        Assert.Equal("USER_TEMPORARY_BLOCK", stale.State);
        Assert.Equal("2026-11-23T15:35:00Z", stale.ExpiresAtText);
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.Status);
        Assert.Equal("2026-11-23T15:35:00Z", limited.Body.GetProperty("blocked_until").GetString());
        Assert.Equal(3600, limited.Body.GetProperty("retry_after").GetInt32());
        Assert.Equal("3600", limited.RetryAfterHeader);
        Assert.Contains(host.LogLines, line => line.Contains("asked for a wait of 1796050000 s; bounded to 3600 s", StringComparison.Ordinal));

        // The block ends with the hour: the next poll asks OSM again.
        host.Osm.Faults.Clear();
        var patrolCalls = host.Osm.Calls(SimulatorEndpoints.Patrols);
        host.Time.Advance(TimeSpan.FromHours(1));
        Assert.Equal("MISS", (await GetAsync(client, withCopy)).Cache);
        Assert.Equal(patrolCalls + 1, host.Osm.Calls(SimulatorEndpoints.Patrols));
    }

    [SkippableFact]
    public async Task A_retry_after_date_in_the_past_blocks_for_a_second()
    {
        await using var host = await PatrolsTestHost.StartAsync(Mode, settings: PatrolsTestHost.ExactBlockEnds());
        var token = await host.AddDeviceAsync();
        using var client = host.CreateClient();
        await GetAsync(client, token);
        host.Time.Advance(TimeSpan.FromMinutes(5));
        host.Osm.Faults.TooManyRequests = 600;
        host.Osm.Faults.RetryAfterText = "Mon, 23 Nov 2026 14:00:00 GMT";

        var stale = await GetAsync(client, token);

        Assert.Equal("USER_TEMPORARY_BLOCK", stale.State);
        Assert.Equal("2026-11-23T14:35:01Z", stale.ExpiresAtText);
    }
}

public sealed class EmbeddedUpstreamWaitBoundsTests : UpstreamWaitBoundsTests
{
    protected override StorageMode Mode => StorageMode.Embedded;
}

public sealed class DistributedUpstreamWaitBoundsTests : UpstreamWaitBoundsTests
{
    protected override StorageMode Mode => StorageMode.Distributed;
}
