using System.Net;
using System.Net.Http.Headers;

namespace PatrolScores.OsmSimulator.Tests;

public sealed class CallCountingTests
{
    [Fact]
    public async Task Every_request_is_counted_by_endpoint_and_by_user()
    {
        await using var host = await SimulatorHost.StartAsync();
        using var token = await host.RedeemCodeAsync(await host.AuthorizeCodeAsync());
        var accessToken = (string)(await SimulatorHost.ReadJsonAsync(token))["access_token"]!;
        var alex = host.AccessToken(100002);

        (await host.GetAsync("oauth/resource", accessToken)).Dispose();
        (await host.GetPatrolsAsync(accessToken)).Dispose();
        (await host.GetPatrolsAsync(accessToken)).Dispose();
        (await host.GetPatrolsAsync(alex, sectionId: 20001)).Dispose();
        (await host.GetPatrolsAsync("bad-token")).Dispose();
        (await host.UpdatePointsAsync(accessToken, 72699, "50")).Dispose();
        (await host.GetAsync("no/such/path", accessToken)).Dispose();
        (await host.Client.GetAsync("_sim/calls")).Dispose();

        var state = host.State;
        Assert.Equal(1, state.Calls(SimulatorEndpoints.Authorize));
        Assert.Equal(1, state.Calls(SimulatorEndpoints.Token));
        Assert.Equal(1, state.Calls(SimulatorEndpoints.Resource));
        Assert.Equal(4, state.Calls(SimulatorEndpoints.Patrols));
        Assert.Equal(1, state.Calls(SimulatorEndpoints.UpdatePatrolPoints));
        Assert.Equal(1, state.Calls(SimulatorEndpoints.Other));
        Assert.Equal(9, state.TotalCalls);
        Assert.Equal(2, state.Calls(SimulatorEndpoints.Patrols, 100001));
        Assert.Equal(1, state.Calls(SimulatorEndpoints.Patrols, 100002));
        Assert.Equal(1, state.Calls(SimulatorEndpoints.Token, 100001));
        Assert.Equal(1, state.Calls(SimulatorEndpoints.Authorize, 100001));

        state.ResetCalls();
        Assert.Equal(0, state.TotalCalls);
        Assert.Equal(0, state.Calls(SimulatorEndpoints.Patrols, 100001));
        Assert.Null(state.LastRequest(SimulatorEndpoints.Patrols));
    }

    [Fact]
    public async Task Last_request_shows_query_and_headers_that_reached_osm()
    {
        await using var host = await SimulatorHost.StartAsync();
        using var request = new HttpRequestMessage(HttpMethod.Get, "ext/members/patrols/?action=getPatrolsWithPeople&sectionid=10001&termid=50263&include_no_patrol=y");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", host.AccessToken());
        request.Headers.Add("X-Trace", "t-1");

        (await host.Client.SendAsync(request)).Dispose();
        (await host.UpdatePointsAsync(host.AccessToken(), 72699, "50")).Dispose();

        var patrols = host.State.LastRequest(SimulatorEndpoints.Patrols)!;
        Assert.Equal("GET", patrols.Method);
        Assert.Equal("/ext/members/patrols/", patrols.Path);
        Assert.Equal("?action=getPatrolsWithPeople&sectionid=10001&termid=50263&include_no_patrol=y", patrols.Query);
        Assert.Equal("50263", patrols.QueryValue("termid"));
        Assert.Null(patrols.QueryValue("device_key"));
        Assert.True(patrols.HasAuthorization);
        Assert.Contains("X-Trace", patrols.HeaderNames, StringComparer.OrdinalIgnoreCase);
        Assert.Equal("t-1", patrols.Headers["x-trace"]);

        var update = host.State.LastRequest(SimulatorEndpoints.UpdatePatrolPoints)!;
        Assert.Equal("POST", update.Method);
        Assert.Equal("50", update.Form["points"]);
    }

    [Fact]
    public async Task Calls_are_reported_over_http()
    {
        await using var host = await SimulatorHost.StartAsync();
        (await host.GetPatrolsAsync(host.AccessToken())).Dispose();

        using var response = await host.Client.GetAsync("_sim/calls");
        var body = await SimulatorHost.ReadJsonAsync(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(1, (int)body["total"]!);
        Assert.Equal(1, (int)body["endpoints"]!["patrols"]!);
        Assert.Equal(1, (int)body["users"]!["100001"]!["patrols"]!);
    }
}
