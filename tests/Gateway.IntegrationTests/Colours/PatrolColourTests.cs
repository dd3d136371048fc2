using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using PatrolScores.Gateway.IntegrationTests.Infrastructure;
using PatrolScores.Gateway.Storage;
using PatrolScores.OsmSimulator;
using LiveBoard = PatrolScores.Gateway.IntegrationTests.Live.Board;

namespace PatrolScores.Gateway.IntegrationTests.Colours;

/// <summary>
/// A leader's patrol colours reach the section's boards at once, on every replica: the WebSocket board is told
/// refresh-scores, its next poll (anywhere) carries settings.patrolColors with a new entity tag and no OSM call of its own, a
/// stream sends the body again; another section's boards hear and carry nothing; bad input is a 400 with a stable code.
/// </summary>
public abstract class PatrolColourTests
{
    private const long Section = 10001;

    protected abstract StorageMode Mode { get; }

    protected virtual int Instances => 1;

    [SkippableFact]
    public async Task A_colour_set_on_the_phone_reaches_the_sections_boards_at_once_and_no_one_elses()
    {
        await using var host = await PatrolsTestHost.StartAsync(Mode, instances: Instances);
        var token = await host.AddDeviceAsync();
        var othersToken = await host.AddDeviceAsync(userId: 100002, sectionId: 20001);
        var last = Instances - 1;
        using var device = host.CreateClient(last);
        var (before, beforeTag) = await PollAsync(device, token);
        Assert.False(before.TryGetProperty("settings", out _));
        using var leader = await LeaderClient.SignInAsync(host);
        await using var board = await LiveBoard.ConnectAsync(() => host.ConnectBoardAsync(token, last));
        await using var others = await LiveBoard.ConnectAsync(() => host.ConnectBoardAsync(othersToken, last));
        using var streamClient = host.CreateClient(last);
        await using var stream = await Live.EventStream.OpenAsync(streamClient, token);
        Assert.NotNull(await stream.NextAsync(TimeSpan.FromSeconds(10)));
        var calls = host.Osm.Calls(SimulatorEndpoints.Patrols);

        var (status, set) = await leader.PostAsync($"/api/v1/sections/{Section}/colours", """{"patrol_colors":{"72699":"red","72700":"blue"}}""", key: null);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("""{"72699":"red","72700":"blue"}""", set.GetProperty("patrol_colors").GetRawText());
        await board.ExpectAsync("refresh-scores");
        var (after, afterTag) = await PollAsync(device, token);
        Assert.Equal("""{"patrolColors":{"72699":"red","72700":"blue"}}""", after.GetProperty("settings").GetRawText());
        Assert.NotEqual(beforeTag, afterTag);
        Assert.Equal(before.GetProperty("patrols").GetRawText(), after.GetProperty("patrols").GetRawText());
        var streamed = await stream.NextAsync(TimeSpan.FromSeconds(10));
        Assert.Equal("red", streamed?.Data?.GetProperty("settings").GetProperty("patrolColors").GetProperty("72699").GetString());
        Assert.Equal(calls, host.Osm.Calls(SimulatorEndpoints.Patrols));
        Assert.Null(await others.NextAsync(TimeSpan.FromMilliseconds(300)));
        var (othersBody, _) = await PollAsync(device, othersToken);
        Assert.False(othersBody.TryGetProperty("settings", out _));

        // A colour removed ("") leaves the others; the last removed, the body has no settings again.
        await leader.PostAsync($"/api/v1/sections/{Section}/colours", """{"patrol_colors":{"72699":""}}""", key: null);
        await board.ExpectAsync("refresh-scores");
        Assert.Equal("""{"patrolColors":{"72700":"blue"}}""", (await PollAsync(device, token)).Body.GetProperty("settings").GetRawText());
        await leader.PostAsync($"/api/v1/sections/{Section}/colours", """{"patrol_colors":{"72700":""}}""", key: null);
        Assert.False((await PollAsync(device, token)).Body.TryGetProperty("settings", out _));
    }

    [SkippableFact]
    public async Task Bad_colours_are_400s_with_stable_codes_a_foreign_section_is_403_and_nothing_changes()
    {
        await using var host = await PatrolsTestHost.StartAsync(Mode, instances: Instances);
        using var leader = await LeaderClient.SignInAsync(host);
        var bodies = new[]
        {
            """{"patrol_colors":{"72699":"purple"}}""",
            """{"patrol_colors":{"72699":"Red"}}""",
            """{"patrol_colors":{}}""",
            """{"patrol_colors":[]}""",
            """{"patrol_colors":{"wolves":"red"}}""",
            """{"patrol_colors":{"0":"red"}}""",
            """{"patrol_colors":{"72699":1}}""",
            """{"colours":{"72699":"red"}}""",
            "{" + "\"patrol_colors\":{" + string.Join(",", Enumerable.Range(1, 31).Select(i => $"\"{i}\":\"red\"")) + "}}",
            "[]",
            "{",
        };
        var answers = new List<string>();
        foreach (var body in bodies)
        {
            var (status, error) = await leader.PostAsync($"/api/v1/sections/{Section}/colours", body, key: null);
            answers.Add($"{(int)status} {error.GetProperty("error").GetString()}");
        }

        var (unknown, unknownBody) = await leader.PostAsync($"/api/v1/sections/{Section}/colours", """{"patrol_colors":{"999":"red"}}""", key: null);
        var (foreign, foreignBody) = await leader.PostAsync("/api/v1/sections/20001/colours", """{"patrol_colors":{"82001":"red"}}""", key: null);
        var (notJson, _) = await leader.PostAsync($"/api/v1/sections/{Section}/colours", """{"patrol_colors":{"72699":"red"}}""", key: null, contentType: "text/plain");

        Assert.All(answers, answer => Assert.Equal("400 invalid_colours", answer));
        Assert.Equal((HttpStatusCode.BadRequest, "unknown_patrol"), (unknown, unknownBody.GetProperty("error").GetString()));
        Assert.Equal((HttpStatusCode.Forbidden, "section_not_allowed"), (foreign, foreignBody.GetProperty("error").GetString()));
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, notJson);
        var (_, current) = await leader.GetJsonAsync($"/api/v1/sections/{Section}/colours");
        Assert.Equal("{}", current.GetProperty("patrol_colors").GetRawText());
    }

    [SkippableFact]
    public async Task Colours_survive_a_restart_of_the_gateway()
    {
        await using var host = await PatrolsTestHost.StartAsync(Mode, instances: Instances);
        var token = await host.AddDeviceAsync();
        using (var leader = await LeaderClient.SignInAsync(host))
        {
            await leader.PostAsync($"/api/v1/sections/{Section}/colours", """{"patrol_colors":{"72701":"orange"}}""", key: null);
        }

        await host.RestartGatewayAsync();
        using var device = host.CreateClient();

        Assert.Equal("orange", (await PollAsync(device, token)).Body.GetProperty("settings").GetProperty("patrolColors").GetProperty("72701").GetString());
    }

    private static async Task<(JsonElement Body, string? Tag)> PollAsync(HttpClient client, string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/patrols");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone(), response.Headers.ETag?.Tag);
    }
}

public sealed class EmbeddedPatrolColourTests : PatrolColourTests
{
    protected override StorageMode Mode => StorageMode.Embedded;
}

public sealed class TwoReplicaPatrolColourTests : PatrolColourTests
{
    protected override StorageMode Mode => StorageMode.Distributed;

    protected override int Instances => 2;
}
