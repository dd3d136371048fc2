using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using PatrolScores.Gateway.Audit;
using PatrolScores.Gateway.IntegrationTests.Infrastructure;
using PatrolScores.Gateway.Security;
using PatrolScores.Gateway.Storage;
using PatrolScores.Gateway.Storage.Ephemeral;
using PatrolScores.Gateway.Storage.Records;
using PatrolScores.OsmSimulator;
using static PatrolScores.Gateway.IntegrationTests.Patrols.DeviceCalls;

namespace PatrolScores.Gateway.IntegrationTests.Tools;

/// <summary>
/// The throttled OSM passthrough for internal tools, over real HTTP to the simulator: the allow-list
/// (403 before OSM), the tool's key (401, audited), its hourly budget (429), the shared guard (blocks
/// honoured, quota recorded for the bound user), opt-in caching, and nothing of the tool's reaching OSM.
/// </summary>
public abstract class PassthroughTests
{
    private const string ToolKey = "tool-key-scores-report-7d2e91";
    private const string PatrolsPath = "/osm/ext/members/patrols/?action=getPatrolsWithPeople&sectionid=10001&termid=50263&include_no_patrol=y";

    protected abstract StorageMode Mode { get; }

    // The tool's key joins the secrets that the host's log scan looks for when it is disposed.
    private async Task<PatrolsTestHost> StartAsync(Dictionary<string, string?> settings)
    {
        var host = await PatrolsTestHost.StartAsync(Mode, settings: settings);
        host.TreatAsSecret(ToolKey);
        return host;
    }

    private static Dictionary<string, string?> Settings(int budget = 5, IDictionary<string, string?>? more = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Tools:Clients:scores-report:KeySha256"] = ApiKeyHashes.Compute(ToolKey),
            ["Tools:Clients:scores-report:OsmUserId"] = "100001",
            ["Tools:Clients:scores-report:HourlyBudget"] = budget.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Tools:Clients:scores-report:Allow:0:Path"] = "/ext/members/patrols/",
            ["Tools:Clients:scores-report:Allow:0:Actions:0"] = "getPatrolsWithPeople",
            ["Tools:Clients:scores-report:Allow:1:Path"] = "/oauth/resource",
        };
        foreach (var (key, value) in more ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        return settings;
    }

    private static async Task<(HttpStatusCode Status, string Body, HttpResponseMessage Response)> CallAsync(HttpClient client, string path, string? key = ToolKey, HttpMethod? method = null)
    {
        using var request = new HttpRequestMessage(method ?? HttpMethod.Get, path);
        if (key is not null)
        {
            request.Headers.Add("X-Api-Key", key);
        }

        request.Headers.Add("Cookie", "tool-session=should-not-reach-osm");
        var response = await client.SendAsync(request);
        return (response.StatusCode, await response.Content.ReadAsStringAsync(), response);
    }

    private static string? ErrorCode(string body) => JsonDocument.Parse(body).RootElement.GetProperty("error").GetString();

    [SkippableTheory]
    [InlineData("&action%00=updatePatrolPoints")]
    [InlineData("&action[]=updatePatrolPoints")]
    [InlineData("&action.x=updatePatrolPoints")]
    [InlineData("&action=updatePatrolPoints")]
    [InlineData("&ACTION=updatePatrolPoints")]
    public async Task A_query_php_could_read_as_another_action_never_reaches_osm(string smuggled)
    {
        await using var host = await StartAsync(Settings());
        await host.AddDeviceAsync();
        using var client = host.CreateClient();

        var (status, body, _) = await CallAsync(client, PatrolsPath + smuggled);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("invalid_query", ErrorCode(body));
        Assert.Equal(0, host.Osm.TotalCalls);
    }

    [SkippableTheory]
    [InlineData("sectionid=10001%20OR%201=1&termid=50263", "parameter 'sectionid' must be an integer", "OR 1")]
    [InlineData("sectionid=10001&termid=50263&include_no_patrol=y%27", "parameter 'include_no_patrol' must be an identifier", "y'")]
    [InlineData("sectionid=10001&termid=50263&debug=1", "parameter 'debug' is not declared for this call", "debug=1")]
    public async Task A_parameter_outside_the_rules_declared_names_and_types_is_400_audited_and_never_reaches_osm(string parameters, string problem, string notEchoed)
    {
        await using var host = await StartAsync(Settings(more: new Dictionary<string, string?>
        {
            ["Tools:Clients:scores-report:Allow:0:Parameters:sectionid"] = "integer",
            ["Tools:Clients:scores-report:Allow:0:Parameters:termid"] = "integer",
            ["Tools:Clients:scores-report:Allow:0:Parameters:include_no_patrol"] = "identifier",
        }));
        await host.AddDeviceAsync();
        using var client = host.CreateClient();

        var (status, body, _) = await CallAsync(client, "/osm/ext/members/patrols/?action=getPatrolsWithPeople&" + parameters);
        var refusedCalls = host.Osm.TotalCalls;
        var (allowedStatus, _, _) = await CallAsync(client, PatrolsPath);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("invalid_query", ErrorCode(body));
        var message = JsonDocument.Parse(body).RootElement.GetProperty("message").GetString()!;
        Assert.Contains(problem, message, StringComparison.Ordinal);
        Assert.DoesNotContain(notEchoed, message, StringComparison.Ordinal);
        Assert.Equal(0, refusedCalls);
        var row = Assert.Single(await host.Services.GetRequiredService<IAuditStore>().ListAsync(null, 10, AuditActions.ToolRefused, default));
        Assert.Equal("tool:scores-report", row.Actor);
        Assert.StartsWith($"query refused: {problem}", row.Detail, StringComparison.Ordinal);
        Assert.DoesNotContain(notEchoed, row.Detail, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, allowedStatus);
        Assert.Equal(1, host.Osm.Calls(SimulatorEndpoints.Patrols, 100001));
    }

    [SkippableFact]
    public async Task A_tool_that_gives_up_during_a_token_refresh_does_not_lose_the_rotated_grant()
    {
        await using var host = await StartAsync(Settings());
        await host.AddDeviceAsync();
        using var client = host.CreateClient();
        host.Time.Advance(TimeSpan.FromMinutes(56));
        host.Osm.Faults.Latency = TimeSpan.FromSeconds(3);

        // OSM rotates the grant, then answers slowly; the tool gives up before it does.
        using (var giveUp = new CancellationTokenSource(TimeSpan.FromMilliseconds(500)))
        using (var request = new HttpRequestMessage(HttpMethod.Get, PatrolsPath))
        {
            request.Headers.Add("X-Api-Key", ToolKey);
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => client.SendAsync(request, giveUp.Token));
        }

        var users = host.Services.GetRequiredService<IOsmUserStore>();
        for (var i = 0; i < 200 && (await users.GetAsync(100001, default))!.AccessTokenExpiresAt < host.Time.GetUtcNow().AddMinutes(10); i++)
        {
            host.Time.Advance(TimeSpan.FromMilliseconds(500));
            await Task.Delay(25);
        }

        host.Osm.Faults.Latency = TimeSpan.Zero;
        var (status, _, _) = await CallAsync(client, PatrolsPath);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(1, host.Osm.Calls(SimulatorEndpoints.Token));
        Assert.Null((await users.GetAsync(100001, default))!.ReauthorizationRequiredAt);
    }

    [SkippableFact]
    public async Task A_call_in_the_allow_list_reaches_OSM_as_the_bound_user_without_the_tools_key_or_cookies()
    {
        await using var host = await StartAsync(Settings());
        await host.AddDeviceAsync();
        using var client = host.CreateClient();

        var (status, body, _) = await CallAsync(client, PatrolsPath);
        var (resourceStatus, _, _) = await CallAsync(client, "/osm/oauth/resource");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("\"members\"", body, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, resourceStatus);
        Assert.Equal(1, host.Osm.Calls(SimulatorEndpoints.Patrols, 100001));
        Assert.Equal(1, host.Osm.Calls(SimulatorEndpoints.Resource, 100001));
        var seen = host.Osm.LastRequest(SimulatorEndpoints.Patrols)!;
        Assert.Equal("/ext/members/patrols/", seen.Path);
        Assert.Equal("10001", seen.QueryValue("sectionid"));
        Assert.True(seen.HasAuthorization);
        Assert.DoesNotContain(seen.Headers, h => h.Value.Contains(ToolKey, StringComparison.Ordinal));
        Assert.DoesNotContain("X-Api-Key", seen.HeaderNames, StringComparer.OrdinalIgnoreCase);
        Assert.DoesNotContain("Cookie", seen.HeaderNames, StringComparer.OrdinalIgnoreCase);
        Assert.DoesNotContain(seen.HeaderNames, name => name.StartsWith("X-Forwarded", StringComparison.OrdinalIgnoreCase));
        var quota = await host.Services.GetRequiredService<IQuotaStore>().GetAsync(100001, default);
        Assert.Equal(host.Osm.GetRemaining(100001), quota?.Remaining);
    }

    [SkippableTheory]
    [InlineData("GET", "/osm/ext/members/patrols/?action=updatePatrolPoints&sectionid=10001")]
    [InlineData("POST", "/osm/ext/members/patrols/?action=getPatrolsWithPeople&sectionid=10001&termid=50263")]
    [InlineData("GET", "/osm/ext/members/patrols/?sectionid=10001")]
    [InlineData("GET", "/osm/oauth/resource?action=anything")]
    [InlineData("GET", "/osm/oauth/token")]
    [InlineData("GET", "/osm/EXT/members/patrols/?action=getPatrolsWithPeople")]
    [InlineData("GET", "/osm/ext/members/patrols/../../oauth/token")]
    public async Task A_call_outside_the_allow_list_is_403_and_OSM_never_sees_it(string method, string path)
    {
        await using var host = await StartAsync(Settings());
        await host.AddDeviceAsync();
        using var client = host.CreateClient();

        var (status, body, _) = await CallAsync(client, path, method: new HttpMethod(method));

        Assert.Equal(HttpStatusCode.Forbidden, status);
        Assert.Equal("tool_call_not_allowed", ErrorCode(body));
        Assert.Equal(0, host.Osm.TotalCalls);
        var row = Assert.Single(await host.Services.GetRequiredService<IAuditStore>().ListAsync(null, 10, AuditActions.ToolRefused, default));
        Assert.Equal("tool:scores-report", row.Actor);
    }

    [SkippableFact]
    public async Task No_key_or_a_wrong_key_is_401_audited_and_OSM_never_sees_it()
    {
        await using var host = await StartAsync(Settings());
        await host.AddDeviceAsync();
        using var client = host.CreateClient();

        var none = await CallAsync(client, PatrolsPath, key: null);
        var wrong = await CallAsync(client, PatrolsPath, key: ToolKey + "x");

        Assert.Equal(HttpStatusCode.Unauthorized, none.Status);
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.Status);
        Assert.Equal("unauthorized", ErrorCode(wrong.Body));
        Assert.Equal(0, host.Osm.TotalCalls);
        var rows = await host.Services.GetRequiredService<IAuditStore>().ListAsync(null, 10, AuditActions.AuthenticationFailed, default);
        Assert.Equal(["OSM passthrough: unknown key", "OSM passthrough: no X-Api-Key header"], rows.Select(r => r.Detail));
    }

    [SkippableFact]
    public async Task Over_its_hourly_budget_a_tool_gets_429_with_Retry_After_and_OSM_sees_no_more_calls()
    {
        await using var host = await StartAsync(Settings(budget: 3));
        await host.AddDeviceAsync();
        using var client = host.CreateClient();

        var accepted = new List<(HttpStatusCode Status, string Policy, (string Name, long Remaining, long Reset) Limit)>();
        for (var i = 0; i < 3; i++)
        {
            var call = await CallAsync(client, PatrolsPath);
            accepted.Add((call.Status, RateLimitFieldsReader.Policy(call.Response), RateLimitFieldsReader.Limit(call.Response)));
        }

        var (status, body, response) = await CallAsync(client, PatrolsPath);

        Assert.All(accepted, a => Assert.Equal(HttpStatusCode.OK, a.Status));
        Assert.All(accepted, a => Assert.Equal("\"tool-budget\";q=3;w=3600", a.Policy));
        Assert.Equal([2, 1, 0], accepted.Select(a => a.Limit.Remaining));
        Assert.All(accepted, a => Assert.InRange(a.Limit.Reset, 1, 3600));
        Assert.Equal(HttpStatusCode.TooManyRequests, status);
        Assert.Equal("rate_limited", ErrorCode(body));
        Assert.True(response.Headers.RetryAfter?.Delta > TimeSpan.Zero);
        Assert.Equal("\"tool-budget\";q=3;w=3600", RateLimitFieldsReader.Policy(response));
        var refused = RateLimitFieldsReader.Limit(response);
        Assert.Equal(0, refused.Remaining);
        Assert.Equal(RateLimitFieldsReader.RetryAfter(response), refused.Reset);
        Assert.Equal(3, host.Osm.Calls(SimulatorEndpoints.Patrols));
    }

    [SkippableFact]
    public async Task While_X_Blocked_holds_a_tool_gets_503_and_OSM_sees_nothing_more()
    {
        await using var host = await StartAsync(Settings());
        var device = await host.AddDeviceAsync();
        using var client = host.CreateClient();
        host.Osm.Faults.BlockedOnSuccess = true;

        var first = await CallAsync(client, PatrolsPath);
        host.Osm.Faults.Clear();
        var callsAfterBlock = host.Osm.TotalCalls;
        var second = await CallAsync(client, PatrolsPath);
        var deviceAnswer = await GetErrorAsync(client, device);

        Assert.Equal(HttpStatusCode.OK, first.Status);
        Assert.NotNull(await host.Services.GetRequiredService<IGlobalBlockStore>().GetAsync(default));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, second.Status);
        Assert.Equal("service_blocked", ErrorCode(second.Body));
        Assert.Equal("service_blocked", deviceAnswer.Error);
        Assert.Equal(callsAfterBlock, host.Osm.TotalCalls);
    }

    [SkippableFact]
    public async Task After_OSM_rate_limits_the_bound_user_the_tool_gets_429_without_another_upstream_call()
    {
        await using var host = await StartAsync(Settings());
        await host.AddDeviceAsync();
        using var client = host.CreateClient();
        host.Osm.Faults.TooManyRequests = 600;

        var first = await CallAsync(client, PatrolsPath);
        host.Osm.Faults.Clear();
        var second = await CallAsync(client, PatrolsPath);

        Assert.Equal(HttpStatusCode.TooManyRequests, first.Status);
        Assert.Equal(HttpStatusCode.TooManyRequests, second.Status);
        Assert.Equal("rate_limited", ErrorCode(second.Body));
        Assert.Equal("600", second.Response.Headers.GetValues("Retry-After").Single());
        Assert.Equal(1, host.Osm.TotalCalls);
    }

    [SkippableTheory]
    [InlineData("Metadata:PatrolScores.Cache", "true")]
    [InlineData("OutputCachePolicy", "tool-cache")]
    public async Task A_route_that_opts_into_caching_answers_a_repeated_call_without_OSM(string setting, string value)
    {
        await using var host = await StartAsync(Settings(more: new Dictionary<string, string?>
        {
            [$"ReverseProxy:Routes:osm-tools:{setting}"] = value,
        }));
        await host.AddDeviceAsync();
        using var client = host.CreateClient();

        var first = await CallAsync(client, PatrolsPath);
        var second = await CallAsync(client, PatrolsPath);
        var unauthenticated = await CallAsync(client, PatrolsPath, key: null);

        Assert.Equal(HttpStatusCode.OK, first.Status);
        Assert.Equal(first.Body, second.Body);
        Assert.Equal(4, RateLimitFieldsReader.Limit(first.Response).Remaining);

        // A cached answer is not counted against the budget, and carries no stale copy of the first call's count.
        Assert.False(second.Response.Headers.Contains(RateLimitFieldsReader.Header));
        Assert.False(second.Response.Headers.Contains(RateLimitFieldsReader.PolicyHeader));
        Assert.Equal(HttpStatusCode.Unauthorized, unauthenticated.Status);
        Assert.Equal(1, host.Osm.Calls(SimulatorEndpoints.Patrols));
    }

    [SkippableFact]
    public async Task Without_opting_in_every_call_reaches_OSM()
    {
        await using var host = await StartAsync(Settings());
        await host.AddDeviceAsync();
        using var client = host.CreateClient();

        await CallAsync(client, PatrolsPath);
        await CallAsync(client, PatrolsPath);

        Assert.Equal(2, host.Osm.Calls(SimulatorEndpoints.Patrols));
    }

    [SkippableFact]
    public async Task An_allowed_write_forwards_its_form_body_and_OSM_applies_it()
    {
        await using var host = await StartAsync(Settings(more: new Dictionary<string, string?>
        {
            ["Tools:Clients:scores-report:Allow:2:Path"] = "/ext/members/patrols/",
            ["Tools:Clients:scores-report:Allow:2:Actions:0"] = "updatePatrolPoints",
            ["Tools:Clients:scores-report:Allow:2:Methods:0"] = "POST",
        }));
        await host.AddDeviceAsync();
        using var client = host.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/osm/ext/members/patrols/?action=updatePatrolPoints&sectionid=10001")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["patrolid"] = "72700", ["points"] = "55" }),
        };
        request.Headers.Add("X-Api-Key", ToolKey);

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(55, host.Osm.GetPatrolPoints(10001, 72700));
        Assert.Equal("55", host.Osm.LastRequest(SimulatorEndpoints.UpdatePatrolPoints)!.Form["points"]);
    }

    [SkippableFact]
    public async Task A_tool_bound_to_a_user_who_never_signed_in_gets_409_and_OSM_sees_nothing()
    {
        await using var host = await StartAsync(Settings());
        using var client = host.CreateClient();

        var (status, body, _) = await CallAsync(client, PatrolsPath);

        Assert.Equal(HttpStatusCode.Conflict, status);
        Assert.Equal("osm_sign_in_required", ErrorCode(body));
        Assert.Equal(0, host.Osm.TotalCalls);
    }
}

/// <summary>With several replicas, a tool's hourly budget is one budget, counted in Redis.</summary>
public sealed class SharedBudgetTests
{
    private const string ToolKey = "tool-key-shared-budget-51c0";

    [SkippableFact]
    public async Task Calls_through_two_replicas_share_one_hourly_budget_that_renews_with_the_next_hour()
    {
        await using var host = await PatrolsTestHost.StartAsync(StorageMode.Distributed, instances: 2, settings: new Dictionary<string, string?>
        {
            ["Tools:Clients:report:KeySha256"] = ApiKeyHashes.Compute(ToolKey),
            ["Tools:Clients:report:OsmUserId"] = "100001",
            ["Tools:Clients:report:HourlyBudget"] = "3",
            ["Tools:Clients:report:Allow:0:Path"] = "/oauth/resource",
        });
        host.TreatAsSecret(ToolKey);
        await host.AddDeviceAsync();
        using var first = host.CreateClient(0);
        using var second = host.CreateClient(1);

        var statuses = new List<HttpStatusCode>();
        var remaining = new List<long>();
        foreach (var client in new[] { first, second, first, second })
        {
            using var response = await SendAsync(client);
            statuses.Add(response.StatusCode);
            remaining.Add(RateLimitFieldsReader.Limit(response).Remaining);
        }

        using var refused = await SendAsync(first);
        var retryAfter = refused.Headers.RetryAfter?.Delta;
        var refusedLimit = RateLimitFieldsReader.Limit(refused);
        var refusedAt = host.Time.GetUtcNow();
        host.Time.Advance(TimeSpan.FromHours(1));
        using var nextHour = await SendAsync(second);

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], statuses);
        Assert.Equal([2, 1, 0, 0], remaining);
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.InRange(retryAfter ?? TimeSpan.Zero, TimeSpan.FromSeconds(1), TimeSpan.FromHours(1));

        // The fake clock stands still: the reset is the clock hour's end, the same on both replicas and in Retry-After.
        var hourEnd = DateTimeOffset.FromUnixTimeSeconds((refusedAt.ToUnixTimeSeconds() / 3600 + 1) * 3600);
        Assert.Equal((0L, (long)Math.Ceiling((hourEnd - refusedAt).TotalSeconds)), (refusedLimit.Remaining, refusedLimit.Reset));
        Assert.Equal(RateLimitFieldsReader.RetryAfter(refused), refusedLimit.Reset);
        Assert.Equal("\"tool-budget\";q=3;w=3600", RateLimitFieldsReader.Policy(refused));
        Assert.Equal(HttpStatusCode.OK, nextHour.StatusCode);
        Assert.Equal(2, RateLimitFieldsReader.Limit(nextHour).Remaining);
        Assert.Equal(4, host.Osm.Calls(SimulatorEndpoints.Resource));
    }

    private static async Task<HttpResponseMessage> SendAsync(HttpClient client)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/osm/oauth/resource");
        request.Headers.Add("X-Api-Key", ToolKey);
        return await client.SendAsync(request);
    }
}

public sealed class EmbeddedPassthroughTests : PassthroughTests
{
    protected override StorageMode Mode => StorageMode.Embedded;
}

public sealed class DistributedPassthroughTests : PassthroughTests
{
    protected override StorageMode Mode => StorageMode.Distributed;
}
