using System.Net;
using System.Net.Http.Headers;
using PatrolScores.Gateway.IntegrationTests.Infrastructure;
using PatrolScores.Gateway.Storage;

namespace PatrolScores.Gateway.IntegrationTests.Telemetry;

/// <summary>
/// <c>patrolscores_http_request_duration_seconds</c> after real traffic: each request under its route
/// template or YARP route id (a cache hit answered before routing included), status and auth kind,
/// and never a raw path or token as a label.
/// </summary>
[Collection(MetricsCollection.Name)]
public sealed class RequestMetricsTests
{
    private const string Scope = "otel_scope_name=\"PatrolScores.Gateway\"";
    private const string ToolKey = "metrics-test-tool-key";

    [Fact]
    public async Task Requests_are_counted_by_route_status_and_auth_kind()
    {
        var settings = Admin.AdminClient.Settings(new Dictionary<string, string?>
        {
            ["Tools:Clients:report:KeySha256"] = PatrolScores.Gateway.Security.ApiKeyHashes.Compute(ToolKey),
            ["Tools:Clients:report:OsmUserId"] = "100001",
            ["Tools:Clients:report:Allow:0:Path"] = "/oauth/resource",
        });
        await using var host = await PatrolsTestHost.StartAsync(StorageMode.Embedded, settings: settings);
        host.TreatAsSecret(ToolKey);
        host.TreatAsSecret(Admin.AdminClient.Key);
        var token = await host.AddDeviceAsync();
        using var client = host.CreateClient();

        Assert.Equal(HttpStatusCode.OK, await GetAsync(client, "/api/v1/patrols", token));          // miss: YARP route
        Assert.Equal(HttpStatusCode.OK, await GetAsync(client, "/api/v1/patrols", token));          // hit: before routing
        Assert.Equal(HttpStatusCode.Unauthorized, await GetAsync(client, "/api/v1/patrols", "device-not-paired"));
        Assert.Equal(HttpStatusCode.NotFound, await GetAsync(client, "/d/not-a-route/secret-path", null));
        Assert.Equal(HttpStatusCode.OK, await GetAsync(client, "/healthz", null));
        Assert.Equal(HttpStatusCode.OK, await GetAsync(client, "/admin/api/status", null, Admin.AdminClient.Key));
        Assert.Equal(HttpStatusCode.Unauthorized, await GetAsync(client, "/admin/api/status", null, "wrong-key"));
        Assert.Equal(HttpStatusCode.OK, await GetAsync(client, "/osm/oauth/resource", null, ToolKey));
        Assert.Equal(HttpStatusCode.Forbidden, await GetAsync(client, "/osm/oauth/token", null, ToolKey));

        var metrics = await client.GetStringAsync(new Uri("/metrics", UriKind.Relative));

        string[] expected =
        [
            $"patrolscores_http_request_duration_seconds_count{{{Scope},auth=\"device\",route=\"patrols\",status_code=\"200\"}} 2",
            $"patrolscores_http_request_duration_seconds_count{{{Scope},auth=\"anonymous\",route=\"patrols\",status_code=\"401\"}} 1",
            $"patrolscores_http_request_duration_seconds_count{{{Scope},auth=\"anonymous\",route=\"unmatched\",status_code=\"404\"}} 1",
            $"patrolscores_http_request_duration_seconds_count{{{Scope},auth=\"anonymous\",route=\"/healthz\",status_code=\"200\"}} 1",
            $"patrolscores_http_request_duration_seconds_count{{{Scope},auth=\"admin\",route=\"/admin/api/status\",status_code=\"200\"}} 1",
            $"patrolscores_http_request_duration_seconds_count{{{Scope},auth=\"anonymous\",route=\"/admin/api/status\",status_code=\"401\"}} 1",
            $"patrolscores_http_request_duration_seconds_count{{{Scope},auth=\"tool\",route=\"osm-tools\",status_code=\"200\"}} 1",
            $"patrolscores_http_request_duration_seconds_count{{{Scope},auth=\"tool\",route=\"osm-tools\",status_code=\"403\"}} 1",
            $"patrolscores_http_request_duration_seconds_bucket{{{Scope},auth=\"device\",route=\"patrols\",status_code=\"200\",le=\"0.001\"}}",
            "# TYPE patrolscores_http_request_duration_seconds histogram",
        ];
        Assert.All(expected, line => Assert.Contains(line, metrics, StringComparison.Ordinal));
        Assert.DoesNotContain(token, metrics, StringComparison.Ordinal);
        Assert.DoesNotContain("device-not-paired", metrics, StringComparison.Ordinal);
        Assert.DoesNotContain("secret-path", metrics, StringComparison.Ordinal);
        Assert.DoesNotContain("/api/v1/patrols", metrics, StringComparison.Ordinal);
        Assert.DoesNotContain(ToolKey, metrics, StringComparison.Ordinal);
        Assert.DoesNotContain("oauth/token", metrics, StringComparison.Ordinal);
    }

    private static async Task<HttpStatusCode> GetAsync(HttpClient client, string path, string? token, string? apiKey = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (apiKey is not null)
        {
            request.Headers.Add("X-Api-Key", apiKey);
        }

        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        using var response = await client.SendAsync(request);
        return response.StatusCode;
    }
}
