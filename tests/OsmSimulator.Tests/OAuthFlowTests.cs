using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Web;

namespace PatrolScores.OsmSimulator.Tests;

public sealed class OAuthFlowTests
{
    [Fact]
    public async Task Code_then_token_then_resource_signs_in_the_approving_user()
    {
        await using var host = await SimulatorHost.StartAsync();

        using var authorize = await host.AuthorizeAsync(state: "abc");
        Assert.Equal(HttpStatusCode.Found, authorize.StatusCode);
        var location = authorize.Headers.Location!;
        Assert.StartsWith(SimulatorHost.RedirectUri + "?", location.ToString(), StringComparison.Ordinal);
        var query = HttpUtility.ParseQueryString(location.Query);
        Assert.Equal("abc", query["state"]);

        using var token = await host.RedeemCodeAsync(query["code"]!);
        Assert.Equal(HttpStatusCode.OK, token.StatusCode);
        Assert.Equal("no-store", token.Headers.CacheControl?.ToString());
        var tokens = await SimulatorHost.ReadJsonAsync(token);
        Assert.Equal("Bearer", (string?)tokens["token_type"]);
        Assert.Equal(3600, (int?)tokens["expires_in"]);
        var accessToken = (string)tokens["access_token"]!;
        Assert.Equal(43, accessToken.Length);
        Assert.NotEqual(accessToken, (string?)tokens["refresh_token"]);

        using var resource = await host.GetAsync("oauth/resource", accessToken);
        Assert.Equal(HttpStatusCode.OK, resource.StatusCode);
        var body = await SimulatorHost.ReadJsonAsync(resource);
        Assert.True((bool)body["status"]!);
        Assert.Null(body["error"]);
        Assert.Empty(body["meta"]!.AsArray());
        var data = body["data"]!;
        Assert.Equal(100001, (long)data["user_id"]!);
        Assert.Equal("Sam Example", (string?)data["full_name"]);
        Assert.Equal("sam@example.org", (string?)data["email"]);
        Assert.Equal(["section:member:read"], data["scopes"]!.AsArray().Select(s => (string)s!));
        Assert.True((bool)data["has_section_access"]!);
        var sections = data["sections"]!.AsArray();
        Assert.Equal([10001L, 10002L], sections.Select(s => (long)s!["section_id"]!));
        var scouts = sections[0]!;
        Assert.Equal("Example Scouts", (string?)scouts["section_name"]);
        Assert.Equal("1st Example", (string?)scouts["group_name"]);
        Assert.Equal(1001, (long)scouts["group_id"]!);
        Assert.Equal("scouts", (string?)scouts["section_type"]);
        Assert.Equal("cubs", (string?)sections[1]!["section_type"]);
        var autumn = scouts["terms"]!.AsArray().Single(t => (string?)t!["name"] == "Autumn 2026")!;
        Assert.Equal("2026-09-01", (string?)autumn["startdate"]);
        Assert.Equal("2026-12-20", (string?)autumn["enddate"]);
        Assert.Equal(50263, (long)autumn["term_id"]!);
    }

    [Fact]
    public async Task Approving_user_can_be_switched()
    {
        await using var host = await SimulatorHost.StartAsync();
        host.State.ApprovingUserId = 100002;

        using var token = await host.RedeemCodeAsync(await host.AuthorizeCodeAsync());
        var accessToken = (string)(await SimulatorHost.ReadJsonAsync(token))["access_token"]!;
        using var resource = await host.GetAsync("oauth/resource", accessToken);
        var data = (await SimulatorHost.ReadJsonAsync(resource))["data"]!;

        Assert.Equal(100002, (long)data["user_id"]!);
        Assert.Equal("Alex Sample", (string?)data["full_name"]);
        Assert.Equal([20001L], data["sections"]!.AsArray().Select(s => (long)s!["section_id"]!));
    }

    [Theory]
    [InlineData("unknown-client", "code")]
    [InlineData(SimulatorHost.ClientId, "token")]
    public async Task Authorize_rejects_an_unknown_client_or_response_type(string clientId, string responseType)
    {
        await using var host = await SimulatorHost.StartAsync();

        using var response = await host.AuthorizeAsync(clientId, responseType);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Client_may_authenticate_with_http_basic()
    {
        await using var host = await SimulatorHost.StartAsync();
        var code = await host.AuthorizeCodeAsync();
        using var request = new HttpRequestMessage(HttpMethod.Post, "oauth/token")
        {
            Content = new FormUrlEncodedContent([
                new("grant_type", "authorization_code"),
                new("code", code),
                new("redirect_uri", SimulatorHost.RedirectUri),
            ]),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue(
            "Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{SimulatorHost.ClientId}:{SimulatorHost.ClientSecret}")));

        using var response = await host.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Wrong_client_secret_is_invalid_client()
    {
        await using var host = await SimulatorHost.StartAsync();

        using var response = await host.RedeemCodeAsync(await host.AuthorizeCodeAsync(), clientSecret: "wrong");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("invalid_client", (string?)(await SimulatorHost.ReadJsonAsync(response))["error"]);
    }

    [Fact]
    public async Task Code_is_single_use()
    {
        await using var host = await SimulatorHost.StartAsync();
        var code = await host.AuthorizeCodeAsync();

        using var first = await host.RedeemCodeAsync(code);
        using var second = await host.RedeemCodeAsync(code);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, second.StatusCode);
        Assert.Equal("invalid_grant", (string?)(await SimulatorHost.ReadJsonAsync(second))["error"]);
    }

    [Fact]
    public async Task Redirect_uri_must_match_the_authorize_one()
    {
        await using var host = await SimulatorHost.StartAsync();

        using var response = await host.RedeemCodeAsync(await host.AuthorizeCodeAsync(), redirectUri: "https://elsewhere.example/cb");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("invalid_grant", (string?)(await SimulatorHost.ReadJsonAsync(response))["error"]);
    }

    [Fact]
    public async Task Unknown_grant_type_is_rejected()
    {
        await using var host = await SimulatorHost.StartAsync();

        using var response = await host.PostFormAsync("oauth/token", [
            new("grant_type", "password"),
            new("client_id", SimulatorHost.ClientId),
            new("client_secret", SimulatorHost.ClientSecret),
        ]);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("unsupported_grant_type", (string?)(await SimulatorHost.ReadJsonAsync(response))["error"]);
    }

    [Fact]
    public async Task Refresh_rotates_and_a_reused_refresh_token_is_invalid_grant()
    {
        await using var host = await SimulatorHost.StartAsync();
        using var issued = await host.RedeemCodeAsync(await host.AuthorizeCodeAsync());
        var firstRefresh = (string)(await SimulatorHost.ReadJsonAsync(issued))["refresh_token"]!;

        using var refreshed = await host.RefreshAsync(firstRefresh);
        Assert.Equal(HttpStatusCode.OK, refreshed.StatusCode);
        var rotated = await SimulatorHost.ReadJsonAsync(refreshed);
        var secondRefresh = (string)rotated["refresh_token"]!;
        Assert.NotEqual(firstRefresh, secondRefresh);

        using var reused = await host.RefreshAsync(firstRefresh);
        Assert.Equal(HttpStatusCode.BadRequest, reused.StatusCode);
        Assert.Equal("invalid_grant", (string?)(await SimulatorHost.ReadJsonAsync(reused))["error"]);

        using var again = await host.RefreshAsync(secondRefresh);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);

        using var resource = await host.GetAsync("oauth/resource", (string)rotated["access_token"]!);
        Assert.Equal(HttpStatusCode.OK, resource.StatusCode);
    }

    [Fact]
    public async Task Access_token_expires_by_the_time_provider()
    {
        await using var host = await SimulatorHost.StartAsync();
        var accessToken = host.AccessToken();

        host.Time.Advance(TimeSpan.FromMinutes(59));
        using var before = await host.GetAsync("oauth/resource", accessToken);
        host.Time.Advance(TimeSpan.FromMinutes(1));
        using var after = await host.GetAsync("oauth/resource", accessToken);

        Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, after.StatusCode);
    }

    [Fact]
    public async Task Configured_token_lifetime_is_reported_and_enforced()
    {
        await using var host = await SimulatorHost.StartAsync(configure: options => options.AccessTokenLifetime = TimeSpan.FromMinutes(5));

        using var token = await host.RedeemCodeAsync(await host.AuthorizeCodeAsync());
        var body = await SimulatorHost.ReadJsonAsync(token);
        host.Time.Advance(TimeSpan.FromMinutes(5));
        using var resource = await host.GetAsync("oauth/resource", (string)body["access_token"]!);

        Assert.Equal(300, (int?)body["expires_in"]);
        Assert.Equal(HttpStatusCode.Unauthorized, resource.StatusCode);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("not-a-token")]
    public async Task Missing_or_unknown_bearer_is_401(string? accessToken)
    {
        await using var host = await SimulatorHost.StartAsync();

        using var response = await host.GetPatrolsAsync(accessToken!);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("""{"status":false,"error":"Invalid access token"}""", await response.Content.ReadAsStringAsync());
        Assert.False(response.Headers.Contains("X-RateLimit-Remaining"));
    }
}
