using System.Net;
using System.Text.Json;
using Npgsql;
using PatrolScores.Gateway.IntegrationTests.Admin;
using PatrolScores.Gateway.IntegrationTests.Infrastructure;
using PatrolScores.Gateway.Security;
using PatrolScores.Gateway.Storage;
using static PatrolScores.Gateway.IntegrationTests.Patrols.DeviceCalls;

namespace PatrolScores.Gateway.IntegrationTests.Hosting;

/// <summary>
/// The record store breaks under a running gateway (the table holding the global block disappears):
/// every surface answers 503 <c>store_unavailable</c> with <c>Retry-After</c> and a JSON body, never an
/// empty 500, and OSM is not called while the gateway cannot tell whether it is blocked.
/// </summary>
public sealed class StoreFailureTests
{
    private const string ToolKey = "tool-key-store-failure-90ab";

    [SkippableFact]
    public async Task A_record_store_failure_is_503_store_unavailable_on_every_surface()
    {
        await using var host = await PatrolsTestHost.StartAsync(StorageMode.Distributed, settings: AdminClient.Settings(new Dictionary<string, string?>
        {
            ["Tools:Clients:report:KeySha256"] = ApiKeyHashes.Compute(ToolKey),
            ["Tools:Clients:report:OsmUserId"] = "100001",
            ["Tools:Clients:report:Allow:0:Path"] = "/oauth/resource",
        }));
        host.TreatAsSecret(AdminClient.Key);
        host.TreatAsSecret(ToolKey);
        var token = await host.AddDeviceAsync();
        using var client = host.CreateClient();
        await BreakAsync(host, "ALTER TABLE gateway_state RENAME TO gateway_state_gone");

        var device = await GetErrorAsync(client, token);
        var admin = await AdminClient.AdminGetAsync(client, "/admin/api/status");
        using var toolRequest = new HttpRequestMessage(HttpMethod.Get, "/osm/oauth/resource");
        toolRequest.Headers.Add("X-Api-Key", ToolKey);
        using var tool = await client.SendAsync(toolRequest);
        var toolBody = JsonDocument.Parse(await tool.Content.ReadAsStringAsync()).RootElement;

        Assert.Equal(HttpStatusCode.ServiceUnavailable, device.Status);
        Assert.Equal("store_unavailable", device.Error);
        Assert.Equal("30", device.RetryAfterHeader);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, admin.Status);
        Assert.Equal("store_unavailable", admin.Error);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, tool.StatusCode);
        Assert.Equal("store_unavailable", toolBody.GetProperty("error").GetString());
        Assert.DoesNotContain("gateway_state", admin.Text, StringComparison.Ordinal);
        Assert.Equal(0, host.Osm.TotalCalls);

        await BreakAsync(host, "ALTER TABLE gateway_state_gone RENAME TO gateway_state");
        await host.AwaitStoresBackAsync();
    }

    private static async Task BreakAsync(PatrolsTestHost host, string sql)
    {
        await using var connection = new NpgsqlConnection(host.PostgresConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
