using System.Net;

namespace PatrolScores.OsmSimulator.Tests;

public sealed class RateLimitTests
{
    [Fact]
    public async Task Headers_count_down_and_report_seconds_to_reset()
    {
        await using var host = await SimulatorHost.StartAsync();
        var token = host.AccessToken();

        using var first = await host.GetPatrolsAsync(token);
        host.Time.Advance(TimeSpan.FromMinutes(10));
        using var second = await host.GetAsync("oauth/resource", token);
        using var third = await host.UpdatePointsAsync(token, 72699, "48");

        Assert.Equal("1000", SimulatorHost.Header(first, "X-RateLimit-Limit"));
        Assert.Equal("999", SimulatorHost.Header(first, "X-RateLimit-Remaining"));
        Assert.Equal("3600", SimulatorHost.Header(first, "X-RateLimit-Reset"));
        Assert.Equal("998", SimulatorHost.Header(second, "X-RateLimit-Remaining"));
        Assert.Equal("3000", SimulatorHost.Header(second, "X-RateLimit-Reset"));
        Assert.Equal("997", SimulatorHost.Header(third, "X-RateLimit-Remaining"));
        Assert.Equal(997, host.State.GetRemaining(100001));
    }

    [Fact]
    public async Task Exhausted_allowance_is_429_with_retry_after_until_the_window_resets()
    {
        await using var host = await SimulatorHost.StartAsync(configure: options => options.HourlyLimit = 2);
        var token = host.AccessToken();

        using var first = await host.GetPatrolsAsync(token);
        using var second = await host.GetPatrolsAsync(token);
        host.Time.Advance(TimeSpan.FromMinutes(20));
        using var refused = await host.GetPatrolsAsync(token);

        Assert.Equal("2", SimulatorHost.Header(first, "X-RateLimit-Limit"));
        Assert.Equal("0", SimulatorHost.Header(second, "X-RateLimit-Remaining"));
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal(TimeSpan.FromMinutes(40), refused.Headers.RetryAfter?.Delta);
        Assert.Equal("0", SimulatorHost.Header(refused, "X-RateLimit-Remaining"));

        host.Time.Advance(TimeSpan.FromMinutes(40));
        using var afterReset = await host.GetPatrolsAsync(host.AccessToken());

        Assert.Equal(HttpStatusCode.OK, afterReset.StatusCode);
        Assert.Equal("1", SimulatorHost.Header(afterReset, "X-RateLimit-Remaining"));
        Assert.Equal("3600", SimulatorHost.Header(afterReset, "X-RateLimit-Reset"));
    }

    [Fact]
    public async Task Allowance_is_per_user()
    {
        await using var host = await SimulatorHost.StartAsync();
        host.State.SetRemaining(100001, 0);

        using var sam = await host.GetPatrolsAsync(host.AccessToken());
        using var alex = await host.GetPatrolsAsync(host.AccessToken(100002), sectionId: 20001);

        Assert.Equal(HttpStatusCode.TooManyRequests, sam.StatusCode);
        Assert.Equal(HttpStatusCode.OK, alex.StatusCode);
        Assert.Equal("999", SimulatorHost.Header(alex, "X-RateLimit-Remaining"));
    }

    [Fact]
    public async Task Points_can_be_set_over_http_without_counting_a_call()
    {
        await using var host = await SimulatorHost.StartAsync();

        using var set = await host.Client.PostAsync("_sim/sections/10001/patrols/72700/points/99", null);
        using var unknown = await host.Client.PostAsync("_sim/sections/10001/patrols/1/points/99", null);

        Assert.Equal(HttpStatusCode.OK, set.StatusCode);
        Assert.Equal("""{"sectionId":10001,"patrolId":72700,"points":99}""", await set.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(99, host.State.GetPatrolPoints(10001, 72700));
        Assert.Equal(0, host.State.TotalCalls);
    }

    [Fact]
    public async Task Remaining_can_be_set_over_http()
    {
        await using var host = await SimulatorHost.StartAsync();

        using var set = await host.Client.PostAsync("_sim/users/100001/remaining/1", null);
        using var last = await host.GetPatrolsAsync(host.AccessToken());
        using var refused = await host.GetPatrolsAsync(host.AccessToken());

        Assert.Equal(HttpStatusCode.OK, set.StatusCode);
        Assert.Equal("0", SimulatorHost.Header(last, "X-RateLimit-Remaining"));
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal(TimeSpan.FromHours(1), refused.Headers.RetryAfter?.Delta);
    }
}
