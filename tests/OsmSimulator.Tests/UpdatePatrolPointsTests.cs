using System.Net;

namespace PatrolScores.OsmSimulator.Tests;

/// <summary><c>POST /ext/members/patrols/?action=updatePatrolPoints</c> goes through the same checks, quota and faults as reads.</summary>
public sealed class UpdatePatrolPointsTests
{
    [Fact]
    public async Task A_write_is_read_back_and_counted_as_its_own_endpoint_user_and_section()
    {
        await using var host = await SimulatorHost.StartAsync();
        var token = host.AccessToken();

        using var write = await host.UpdatePointsAsync(token, 72700, "-250");
        using var read = await host.GetPatrolsAsync(token);

        Assert.Equal(HttpStatusCode.OK, write.StatusCode);
        Assert.Equal("[]", await write.Content.ReadAsStringAsync());
        Assert.Equal("-250", (string?)(await SimulatorHost.ReadJsonAsync(read))["72700"]!["points"]);
        Assert.Equal(-250, host.State.GetPatrolPoints(10001, 72700));
        Assert.Equal(1, host.State.Calls(SimulatorEndpoints.UpdatePatrolPoints));
        Assert.Equal(1, host.State.Calls(SimulatorEndpoints.UpdatePatrolPoints, 100001));
        Assert.Equal(0, host.State.Calls(SimulatorEndpoints.UpdatePatrolPoints, 100002));
        Assert.Equal(1, host.State.SectionCalls(SimulatorEndpoints.UpdatePatrolPoints, 10001));
        Assert.Equal(1, host.State.Calls(SimulatorEndpoints.Patrols));
        Assert.Equal(1, host.State.SectionCalls(SimulatorEndpoints.Patrols, 10001));
    }

    [Fact]
    public async Task A_write_spends_one_of_the_users_allowance_and_carries_the_rate_limit_headers()
    {
        await using var host = await SimulatorHost.StartAsync();

        using var write = await host.UpdatePointsAsync(host.AccessToken(), 72699, "48");

        Assert.Equal("1000", SimulatorHost.Header(write, "X-RateLimit-Limit"));
        Assert.Equal("999", SimulatorHost.Header(write, "X-RateLimit-Remaining"));
        Assert.Equal("3600", SimulatorHost.Header(write, "X-RateLimit-Reset"));
        Assert.Equal(999, host.State.GetRemaining(100001));
        Assert.Equal(1000, host.State.GetRemaining(100002));
    }

    [Fact]
    public async Task A_write_over_the_allowance_is_429_with_retry_after_and_stores_nothing()
    {
        await using var host = await SimulatorHost.StartAsync();
        host.State.SetRemaining(100001, 0);

        using var write = await host.UpdatePointsAsync(host.AccessToken(), 72699, "48");

        Assert.Equal(HttpStatusCode.TooManyRequests, write.StatusCode);
        Assert.Equal(TimeSpan.FromHours(1), write.Headers.RetryAfter?.Delta);
        Assert.Equal("0", SimulatorHost.Header(write, "X-RateLimit-Remaining"));
        Assert.Equal(47, host.State.GetPatrolPoints(10001, 72699));
    }

    [Theory]
    [InlineData("100000", 100000)]
    [InlineData("-100000", -100000)]
    [InlineData("+7", 7)]
    [InlineData("0", 0)]
    public async Task Points_within_bounds_are_stored(string points, int stored)
    {
        await using var host = await SimulatorHost.StartAsync();

        using var write = await host.UpdatePointsAsync(host.AccessToken(), 72700, points);

        Assert.Equal(HttpStatusCode.OK, write.StatusCode);
        Assert.Equal(stored, host.State.GetPatrolPoints(10001, 72700));
    }

    [Theory]
    [InlineData(72700, "100001", "Invalid points")]
    [InlineData(72700, "-100001", "Invalid points")]
    [InlineData(72700, "99999999999", "Invalid points")]
    [InlineData(72700, "1.5", "Invalid points")]
    [InlineData(72700, " 5", "Invalid points")]
    [InlineData(72700, "", "Invalid points")]
    [InlineData(72700, "lots", "Invalid points")]
    [InlineData(99999, "3", "Unknown patrol")]
    [InlineData(82001, "3", "Unknown patrol")]
    [InlineData(0, "3", "Invalid patrolid")]
    [InlineData(-2, "3", "Invalid patrolid")]
    public async Task Bad_points_or_a_patrol_not_of_the_section_is_400_and_stores_nothing(long patrolId, string points, string error)
    {
        await using var host = await SimulatorHost.StartAsync();

        using var write = await host.UpdatePointsAsync(host.AccessToken(), patrolId, points);

        Assert.Equal(HttpStatusCode.BadRequest, write.StatusCode);
        Assert.Equal(error, (string?)(await SimulatorHost.ReadJsonAsync(write))["error"]);
        Assert.Equal("999", SimulatorHost.Header(write, "X-RateLimit-Remaining"));
        Assert.Equal(32, host.State.GetPatrolPoints(10001, 72700));
        Assert.Equal(5, host.State.GetPatrolPoints(20001, 82001));
    }

    [Fact]
    public async Task A_section_not_the_users_is_403_like_a_read_and_stores_nothing()
    {
        await using var host = await SimulatorHost.StartAsync();
        var sam = host.AccessToken();

        using var write = await host.UpdatePointsAsync(sam, 82001, "90", sectionId: 20001);
        using var read = await host.GetPatrolsAsync(sam, sectionId: 20001);

        Assert.Equal(HttpStatusCode.Forbidden, write.StatusCode);
        Assert.Equal(await read.Content.ReadAsStringAsync(), await write.Content.ReadAsStringAsync());
        Assert.Equal(5, host.State.GetPatrolPoints(20001, 82001));
        Assert.Equal(1, host.State.SectionCalls(SimulatorEndpoints.UpdatePatrolPoints, 20001));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("not-a-token")]
    public async Task A_missing_or_unknown_token_is_401_and_counted_without_a_user(string? token)
    {
        await using var host = await SimulatorHost.StartAsync();

        using var write = await host.UpdatePointsAsync(token!, 72700, "1");

        Assert.Equal(HttpStatusCode.Unauthorized, write.StatusCode);
        Assert.Equal("Invalid access token", (string?)(await SimulatorHost.ReadJsonAsync(write))["error"]);
        Assert.Equal(1, host.State.Calls(SimulatorEndpoints.UpdatePatrolPoints));
        Assert.Equal(0, host.State.Calls(SimulatorEndpoints.UpdatePatrolPoints, 100001));
        Assert.Equal(32, host.State.GetPatrolPoints(10001, 72700));
    }

    [Fact]
    public async Task A_wrong_action_on_post_is_400()
    {
        await using var host = await SimulatorHost.StartAsync();

        using var write = await host.PostFormAsync(
            "ext/members/patrols/?action=getPatrolsWithPeople&sectionid=10001",
            [new("patrolid", "72700"), new("points", "1")],
            host.AccessToken());

        Assert.Equal(HttpStatusCode.BadRequest, write.StatusCode);
        Assert.Equal(32, host.State.GetPatrolPoints(10001, 72700));
    }

    [Theory]
    [InlineData(nameof(SimulatorFaults.TooManyRequests), HttpStatusCode.TooManyRequests, "Retry-After", "30")]
    [InlineData(nameof(SimulatorFaults.BlockedWithStatus), HttpStatusCode.Forbidden, "X-Blocked", "true")]
    [InlineData(nameof(SimulatorFaults.ServerError), HttpStatusCode.ServiceUnavailable, null, null)]
    public async Task Faults_that_answer_instead_of_a_write_store_nothing_and_spend_nothing(
        string fault, HttpStatusCode status, string? header, string? value)
    {
        await using var host = await SimulatorHost.StartAsync();
        var faults = host.State.Faults;
        switch (fault)
        {
            case nameof(SimulatorFaults.TooManyRequests): faults.TooManyRequests = 30; break;
            case nameof(SimulatorFaults.BlockedWithStatus): faults.BlockedWithStatus = 403; break;
            default: faults.ServerError = 503; break;
        }

        using var write = await host.UpdatePointsAsync(host.AccessToken(), 72700, "1");

        Assert.Equal(status, write.StatusCode);
        if (header is not null)
            Assert.Equal(value, SimulatorHost.Header(write, header));
        Assert.Equal(32, host.State.GetPatrolPoints(10001, 72700));
        Assert.Equal(1000, host.State.GetRemaining(100001));
        Assert.Equal(1, host.State.Calls(SimulatorEndpoints.UpdatePatrolPoints, 100001));
    }

    [Fact]
    public async Task BlockedOnSuccess_flags_a_stored_write()
    {
        await using var host = await SimulatorHost.StartAsync();
        host.State.Faults.BlockedOnSuccess = true;

        using var write = await host.UpdatePointsAsync(host.AccessToken(), 72700, "1");

        Assert.Equal(HttpStatusCode.OK, write.StatusCode);
        Assert.Equal("true", SimulatorHost.Header(write, "X-Blocked"));
        Assert.Equal(1, host.State.GetPatrolPoints(10001, 72700));
    }

    /// <summary>A 200 whose body is OSM's permission refusal is a refusal: a read-back must not show the points.</summary>
    [Fact]
    public async Task ErrorInsideSuccess_refuses_a_write_without_storing_it()
    {
        await using var host = await SimulatorHost.StartAsync();
        var before = host.State.GetPatrolPoints(10001, 72700);
        host.State.Faults.ErrorInsideSuccess = true;

        using var write = await host.UpdatePointsAsync(host.AccessToken(), 72700, "1");

        Assert.Equal(HttpStatusCode.OK, write.StatusCode);
        Assert.Contains("permission", await write.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(before, host.State.GetPatrolPoints(10001, 72700));
    }
}
