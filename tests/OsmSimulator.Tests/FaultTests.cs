using System.Net;
using System.Text;
using System.Text.Json;
using System.Web;

namespace PatrolScores.OsmSimulator.Tests;

public sealed class FaultTests
{
    [Fact]
    public async Task TooManyRequests_answers_429_with_retry_after_without_consuming_the_allowance()
    {
        await using var host = await SimulatorHost.StartAsync();
        host.State.Faults.TooManyRequests = 30;

        using var response = await host.GetPatrolsAsync(host.AccessToken());

        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(30), response.Headers.RetryAfter?.Delta);
        Assert.Equal(1000, host.State.GetRemaining(100001));
    }

    [Fact]
    public async Task TooManyRequests_can_leave_out_retry_after()
    {
        await using var host = await SimulatorHost.StartAsync();
        host.State.Faults.TooManyRequests = 30;
        host.State.Faults.RetryAfterHeader = false;

        using var response = await host.GetPatrolsAsync(host.AccessToken());

        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.Null(response.Headers.RetryAfter);
    }

    [Fact]
    public async Task BlockedOnSuccess_flags_a_normal_200()
    {
        await using var host = await SimulatorHost.StartAsync();
        host.State.Faults.BlockedOnSuccess = true;

        using var response = await host.GetPatrolsAsync(host.AccessToken());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("true", SimulatorHost.Header(response, "X-Blocked"));
        Assert.Equal("47", (string?)(await SimulatorHost.ReadJsonAsync(response))["72699"]!["points"]);
    }

    [Fact]
    public async Task BlockedWithStatus_answers_that_status_with_x_blocked()
    {
        await using var host = await SimulatorHost.StartAsync();
        host.State.Faults.BlockedWithStatus = 403;

        using var response = await host.GetAsync("oauth/resource", host.AccessToken());

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("true", SimulatorHost.Header(response, "X-Blocked"));
    }

    [Fact]
    public async Task Deprecated_adds_the_date_header()
    {
        await using var host = await SimulatorHost.StartAsync();
        host.State.Faults.Deprecated = "2027-03-01";

        using var response = await host.GetPatrolsAsync(host.AccessToken());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("2027-03-01", SimulatorHost.Header(response, "X-Deprecated"));
    }

    [Theory]
    [InlineData(500)]
    [InlineData(503)]
    public async Task ServerError_answers_the_status(int status)
    {
        await using var host = await SimulatorHost.StartAsync();
        host.State.Faults.ServerError = status;

        using var response = await host.GetPatrolsAsync(host.AccessToken());

        Assert.Equal(status, (int)response.StatusCode);
    }

    [Fact]
    public async Task MalformedJson_cuts_a_200_body_short()
    {
        await using var host = await SimulatorHost.StartAsync();
        host.State.Faults.MalformedJson = true;

        using var response = await host.GetPatrolsAsync(host.AccessToken());
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.NotEmpty(body);
        Assert.ThrowsAny<JsonException>(() => JsonDocument.Parse(body));
    }

    [Fact]
    public async Task OmitRateLimitHeaders_still_consumes_the_allowance()
    {
        await using var host = await SimulatorHost.StartAsync();
        host.State.Faults.OmitRateLimitHeaders = true;

        using var response = await host.GetPatrolsAsync(host.AccessToken());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.DoesNotContain(response.Headers, header => header.Key.StartsWith("X-RateLimit", StringComparison.OrdinalIgnoreCase));
        Assert.Equal(999, host.State.GetRemaining(100001));
    }

    [Fact]
    public async Task NoCurrentTerm_removes_the_term_covering_today()
    {
        await using var host = await SimulatorHost.StartAsync();
        host.State.NoCurrentTerm = true;

        using var response = await host.GetAsync("oauth/resource", host.AccessToken());
        var terms = (await SimulatorHost.ReadJsonAsync(response))["data"]!["sections"]![0]!["terms"]!.AsArray()
            .Select(term => (string)term!["name"]!).ToArray();

        Assert.Equal(8, terms.Length);
        Assert.DoesNotContain("Autumn 2026", terms);
        Assert.Contains("Spring 2027", terms);
        Assert.True(host.State.Faults.NoCurrentTerm);
    }

    [Fact]
    public async Task Latency_waits_on_the_time_provider()
    {
        await using var host = await SimulatorHost.StartAsync();
        host.State.Faults.Latency = TimeSpan.FromSeconds(30);

        var pending = host.GetPatrolsAsync(host.AccessToken());
        await Task.Delay(100);
        Assert.False(pending.IsCompleted);

        for (var i = 0; i < 200 && !pending.IsCompleted; i++)
        {
            host.Time.Advance(TimeSpan.FromSeconds(30));
            await Task.Delay(10);
        }

        using var response = await pending.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Latency_stops_waiting_when_the_caller_gives_up()
    {
        await using var host = await SimulatorHost.StartAsync();
        host.State.Faults.Latency = TimeSpan.FromMinutes(1);
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));
        using var request = new HttpRequestMessage(HttpMethod.Get, "oauth/resource");
        request.Headers.Authorization = new("Bearer", host.AccessToken());

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => host.Client.SendAsync(request, cancel.Token));
        await Task.Delay(100);
        host.Time.Advance(TimeSpan.FromMinutes(2));
        await Task.Delay(100);

        Assert.Equal(1000, host.State.GetRemaining(100001));
    }

    [Fact]
    public async Task DenyAuthorization_redirects_with_access_denied_and_the_state()
    {
        await using var host = await SimulatorHost.StartAsync();
        host.State.Faults.DenyAuthorization = true;

        using var response = await host.AuthorizeAsync(state: "s-1");
        var query = HttpUtility.ParseQueryString(response.Headers.Location!.Query);

        Assert.Equal(HttpStatusCode.Found, response.StatusCode);
        Assert.Equal("access_denied", query["error"]);
        Assert.Equal("s-1", query["state"]);
        Assert.Null(query["code"]);
    }

    [Theory]
    [InlineData("invalid_grant", 400, "invalid_grant")]
    [InlineData("500", 500, "server_error")]
    public async Task TokenEndpointFailure_fails_the_token_endpoint(string failure, int status, string error)
    {
        await using var host = await SimulatorHost.StartAsync();
        var code = await host.AuthorizeCodeAsync();
        host.State.Faults.TokenEndpointFailure = failure;

        using var response = await host.RedeemCodeAsync(code);

        Assert.Equal(status, (int)response.StatusCode);
        Assert.Equal(error, (string?)(await SimulatorHost.ReadJsonAsync(response))["error"]);
    }

    [Fact]
    public async Task FaultUserId_limits_api_faults_to_one_user()
    {
        await using var host = await SimulatorHost.StartAsync();
        host.State.Faults.ServerError = 500;
        host.State.Faults.FaultUserId = 100002;

        using var sam = await host.GetPatrolsAsync(host.AccessToken());
        using var alex = await host.GetPatrolsAsync(host.AccessToken(100002), sectionId: 20001);

        Assert.Equal(HttpStatusCode.OK, sam.StatusCode);
        Assert.Equal(HttpStatusCode.InternalServerError, alex.StatusCode);
    }

    [Fact]
    public async Task Faults_are_set_over_http_and_cleared_by_reset()
    {
        await using var host = await SimulatorHost.StartAsync();
        var token = host.AccessToken();

        using var set = await PostFaultsAsync(host, """{"blockedOnSuccess":true,"deprecated":"2027-03-01","latency":"00:00:00"}""");
        using var faulted = await host.GetPatrolsAsync(token);
        using var reset = await host.Client.PostAsync("_sim/reset", null);
        using var clean = await host.GetPatrolsAsync(token);

        Assert.Equal(HttpStatusCode.OK, set.StatusCode);
        Assert.True((bool)(await SimulatorHost.ReadJsonAsync(set))["blockedOnSuccess"]!);
        Assert.Equal("true", SimulatorHost.Header(faulted, "X-Blocked"));
        Assert.Equal("2027-03-01", SimulatorHost.Header(faulted, "X-Deprecated"));
        Assert.Equal(HttpStatusCode.NoContent, reset.StatusCode);
        Assert.False(clean.Headers.Contains("X-Blocked"));
        Assert.False(clean.Headers.Contains("X-Deprecated"));
        Assert.Equal(1, host.State.Calls(SimulatorEndpoints.Patrols));
    }

    [Theory]
    [InlineData("""{"serverEror":500}""")]
    [InlineData("""{"serverError":404}""")]
    [InlineData("""{"latency":"-00:00:01"}""")]
    [InlineData("""not json""")]
    public async Task Invalid_faults_are_rejected(string json)
    {
        await using var host = await SimulatorHost.StartAsync();

        using var response = await PostFaultsAsync(host, json);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Null(host.State.Faults.ServerError);
    }

    private static Task<HttpResponseMessage> PostFaultsAsync(SimulatorHost host, string json) =>
        host.Client.PostAsync("_sim/faults", new StringContent(json, Encoding.UTF8, "application/json"));
}
