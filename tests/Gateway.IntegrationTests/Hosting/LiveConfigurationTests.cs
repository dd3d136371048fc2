using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using PatrolScores.Gateway.IntegrationTests.Admin;
using PatrolScores.Gateway.IntegrationTests.Infrastructure;
using PatrolScores.Gateway.Security;
using PatrolScores.OsmSimulator;

namespace PatrolScores.Gateway.IntegrationTests.Hosting;

/// <summary>
/// Live configuration on the real process: an operator edits the running gateway's
/// <c>appsettings.json</c>. A new route serves within 5 s; broken edits (a route YARP refuses, a file
/// that does not parse, a policy that does not validate) are rejected with a log line while the last
/// good configuration keeps serving; every outcome is in the audit trail.
/// </summary>
public sealed class LiveConfigurationTests(Xunit.Abstractions.ITestOutputHelper output)
{
    private const string DeviceToken = "live-config-device-token";
    private static readonly TimeSpan ReloadDeadline = TimeSpan.FromSeconds(5);

    [Fact]
    public async Task Editing_the_settings_file_adds_a_route_within_5_s_and_broken_edits_leave_the_last_good_configuration_serving()
    {
        await using var simulator = OsmSimulatorApp.Build(new SimulatorOptions { Urls = "http://127.0.0.1:0" });
        await simulator.StartAsync();
        var tokens = simulator.GetSimulatorState().IssueTokens(100001);
        var contentRoot = Directory.CreateTempSubdirectory("patrolscores-live-").FullName;
        var settingsPath = Path.Combine(contentRoot, "appsettings.json");
        File.Copy(Path.Combine(AppContext.BaseDirectory, "appsettings.json"), settingsPath);
        await using var gateway = GatewayProcess.Start(
            $"--contentRoot={contentRoot}",
            $"--Storage:Sqlite:Path={Path.Combine(contentRoot, "records.db")}",
            $"--Osm:BaseUrl={simulator.BaseAddress().ToString().TrimEnd('/')}",
            $"--Demo:Device:Token={DeviceToken}",
            "--Demo:Device:OsmUserId=100001",
            "--Demo:Device:SectionId=10001",
            $"--Demo:Device:OsmAccessToken={tokens.AccessToken}",
            $"--Demo:Device:OsmRefreshToken={tokens.RefreshToken}",
            $"--Admin:Keys:0:Name={AdminClient.KeyName}",
            $"--Admin:Keys:0:Sha256={ApiKeyHashes.Compute(AdminClient.Key)}");
        using var client = new HttpClient { BaseAddress = gateway.BaseAddress };
        await WaitUntilAsync(async () => await StatusAsync(client, "/api/v1/patrols") == HttpStatusCode.OK, TimeSpan.FromSeconds(30), gateway);
        Assert.Equal(HttpStatusCode.NotFound, await StatusAsync(client, "/api/v2/patrols"));

        // 1. A new route.
        var settings = JsonNode.Parse(await File.ReadAllTextAsync(settingsPath))!;
        settings["ReverseProxy"]!["Routes"]!["patrols-v2"] = JsonNode.Parse("""
            { "ClusterId": "osm", "Match": { "Path": "/api/v2/patrols", "Methods": [ "GET" ] }, "Metadata": { "PatrolScores.Kind": "patrols" } }
            """);
        await WriteAsync(settingsPath, settings);
        var watch = Stopwatch.StartNew();
        await WaitUntilAsync(async () => await StatusAsync(client, "/api/v2/patrols") == HttpStatusCode.OK, ReloadDeadline, gateway);
        var addedAfter = watch.Elapsed;
        output.WriteLine($"The new route served {addedAfter.TotalMilliseconds:F0} ms after the file was written.");

        // 2. A route YARP refuses (an unknown kind), beside a further new route that must not appear either.
        var refused = settings.DeepClone();
        refused["ReverseProxy"]!["Routes"]!["patrols-v3"] = JsonNode.Parse("""
            { "ClusterId": "osm", "Match": { "Path": "/api/v3/patrols" }, "Metadata": { "PatrolScores.Kind": "patrolz" } }
            """);
        await WriteAsync(settingsPath, refused);
        await WaitForAuditAsync(client, "config.rejected", 1, gateway);

        // 3. A file that does not parse.
        await File.WriteAllTextAsync(settingsPath, (await File.ReadAllTextAsync(settingsPath))[..200]);
        await WaitForAuditAsync(client, "config.rejected", 2, gateway);

        // 4. A policy that does not validate (a negative time to live).
        var badPolicy = settings.DeepClone();
        badPolicy["Freshness"]!["DefaultTtl"] = "-00:05:00";
        await WriteAsync(settingsPath, badPolicy);
        await WaitForAuditAsync(client, "config.rejected", 3, gateway);

        var rejectedGauge = await MetricAsync(client, "patrolscores_config_rejected");

        // 5. The good settings again: nothing is left rejected.
        await WriteAsync(settingsPath, settings);
        await WaitUntilAsync(async () => await MetricAsync(client, "patrolscores_config_rejected") == 0, ReloadDeadline, gateway);

        Assert.Equal(1, rejectedGauge);
        Assert.True(addedAfter < ReloadDeadline, $"the route appeared after {addedAfter}");
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(client, "/api/v1/patrols"));
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(client, "/api/v2/patrols"));
        Assert.Equal(HttpStatusCode.NotFound, await StatusAsync(client, "/api/v3/patrols"));
        var audit = await AuditAsync(client);
        var reloaded = Assert.Single(audit, e => e.Action == "config.reloaded" && e.Target == "ReverseProxy");
        Assert.Contains("patrols-v2", reloaded.Detail, StringComparison.Ordinal);
        var rejected = audit.Where(e => e.Action == "config.rejected").OrderBy(e => e.Id).ToList();
        Assert.Equal(3, rejected.Count);
        Assert.Equal("ReverseProxy", rejected[0].Target);
        Assert.Contains("patrolz", rejected[0].Detail, StringComparison.Ordinal);
        Assert.Equal("appsettings.json", rejected[1].Target);
        Assert.Contains("not valid JSON", rejected[1].Detail, StringComparison.Ordinal);
        Assert.Equal("Freshness", rejected[2].Target);
        Assert.Contains("DefaultTtl", rejected[2].Detail, StringComparison.Ordinal);
        Assert.Contains("Configuration change rejected", gateway.StandardOutput + gateway.StandardError, StringComparison.Ordinal);
        Assert.Null(gateway.ExitCode);
    }

    private static async Task<double> MetricAsync(HttpClient client, string name)
    {
        var text = await client.GetStringAsync(new Uri("/metrics", UriKind.Relative));
        var line = text.Split('\n').Single(l => l.StartsWith(name + "{", StringComparison.Ordinal) || l.StartsWith(name + " ", StringComparison.Ordinal));
        return double.Parse(line[(line.LastIndexOf(' ') + 1)..], System.Globalization.CultureInfo.InvariantCulture);
    }

    private static async Task WriteAsync(string path, JsonNode settings)
    {
        // Written in place, as an editor saving the file does.
        await File.WriteAllTextAsync(path, settings.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
    }

    private static async Task<HttpStatusCode> StatusAsync(HttpClient client, string path)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", DeviceToken);
        try
        {
            using var response = await client.SendAsync(request);
            return response.StatusCode;
        }
        catch (HttpRequestException)
        {
            return 0;
        }
    }

    private static async Task<List<AuditRow>> AuditAsync(HttpClient client)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/admin/api/audit?limit=200");
        request.Headers.Add("X-Api-Key", AdminClient.Key);
        using var response = await client.SendAsync(request);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return [.. body.RootElement.GetProperty("events").EnumerateArray().Select(e => new AuditRow(
            e.GetProperty("id").GetInt64(),
            e.GetProperty("action").GetString()!,
            e.GetProperty("target").GetString() ?? "",
            e.GetProperty("detail").GetString() ?? ""))];
    }

    private static Task WaitForAuditAsync(HttpClient client, string action, int count, GatewayProcess gateway) =>
        WaitUntilAsync(async () => (await AuditAsync(client)).Count(e => e.Action == action) >= count, ReloadDeadline, gateway);

    private static async Task WaitUntilAsync(Func<Task<bool>> condition, TimeSpan timeout, GatewayProcess gateway)
    {
        var watch = Stopwatch.StartNew();
        while (!await condition())
        {
            if (watch.Elapsed > timeout || gateway.ExitCode is not null)
            {
                Assert.Fail($"not within {timeout}; gateway exit code {gateway.ExitCode}; stdout:\n{gateway.StandardOutput}\nstderr:\n{gateway.StandardError}");
            }

            await Task.Delay(100);
        }
    }

    private sealed record AuditRow(long Id, string Action, string Target, string Detail);
}
