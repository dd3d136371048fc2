using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using PatrolScores.Gateway.Audit;
using PatrolScores.Gateway.Devices;
using PatrolScores.Gateway.IntegrationTests.Infrastructure;
using PatrolScores.Gateway.Storage;
using PatrolScores.Gateway.Storage.Records;
using PatrolScores.OsmSimulator;
using LiveBoard = PatrolScores.Gateway.IntegrationTests.Live.Board;

namespace PatrolScores.Gateway.IntegrationTests.Devices;

/// <summary>
/// A leader moves one of their boards to another of their sections without pairing it again: the new section's scores are
/// fetched before the board is told (once), the board's next poll on any replica shows them with no call of its own, its live
/// channel is told refresh-scores, reconnect and disconnect, and its new connection hears the new section's news only; the
/// old section's boards hear nothing; a section or board that is not the leader's is refused and audited.
/// </summary>
public abstract class BoardMoveTests
{
    private const long Scouts = 10001;
    private const long Cubs = 10002;

    protected abstract StorageMode Mode { get; }

    protected virtual int Instances => 1;

    [SkippableFact]
    public async Task A_board_moved_to_the_leaders_other_section_shows_its_scores_at_once_and_follows_its_news()
    {
        await using var host = await PatrolsTestHost.StartAsync(Mode, instances: Instances);
        var moving = await host.AddDeviceAsync();
        var staying = await host.AddDeviceAsync();
        var last = Instances - 1;
        using var device = host.CreateClient(last);
        Assert.Contains("Wolves", await PollAsync(device, moving), StringComparison.Ordinal);
        using var leader = await LeaderClient.SignInAsync(host);
        var movingId = await host.DeviceIdAsync(moving);
        await using var board = await LiveBoard.ConnectAsync(() => host.ConnectBoardAsync(moving, last));
        await using var other = await LiveBoard.ConnectAsync(() => host.ConnectBoardAsync(staying, last));
        var callsBefore = host.Osm.Calls(SimulatorEndpoints.Patrols);

        var (status, moved) = await leader.PostAsync($"/api/v1/boards/{movingId}/move", $$"""{"section_id":{{Cubs}}}""", key: null);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(("section", Cubs, "Example Cubs"), (moved.GetProperty("shows").GetString(), moved.GetProperty("section_id").GetInt64(), moved.GetProperty("section_name").GetString()));
        Assert.Equal(callsBefore + 1, host.Osm.Calls(SimulatorEndpoints.Patrols));
        Assert.Equal("refresh-scores", (await board.NextAsync(TimeSpan.FromSeconds(5)))?.GetProperty("type").GetString());
        Assert.Equal("reconnect", (await board.NextAsync(TimeSpan.FromSeconds(5)))?.GetProperty("type").GetString());
        var goodbye = await board.NextAsync(TimeSpan.FromSeconds(5));
        Assert.Equal(("disconnect", "moved to another scoreboard"), (goodbye?.GetProperty("type").GetString(), goodbye?.GetProperty("reason").GetString()));

        // Its next poll, on the replica that remembered it, shows the new section from the copy fetched before it was told.
        var poll = await PollAsync(device, moving);
        Assert.Contains("Red Six", poll, StringComparison.Ordinal);
        Assert.DoesNotContain("Wolves", poll, StringComparison.Ordinal);
        Assert.Contains("Wolves", await PollAsync(device, staying), StringComparison.Ordinal);
        Assert.Equal(callsBefore + 1, host.Osm.Calls(SimulatorEndpoints.Patrols));
        Assert.Null(await other.NextAsync(TimeSpan.FromMilliseconds(300)));

        // Reconnected, it hears the new section's news (a countdown there) and not the old one's.
        await using var again = await LiveBoard.ConnectAsync(() => host.ConnectBoardAsync(moving, 0));
        await leader.PostAsync($"/api/v1/sections/{Scouts}/countdown", """{"action":"start","duration_seconds":30}""", key: null);
        Assert.Equal("timer-start", (await other.NextAsync(TimeSpan.FromSeconds(5)))?.GetProperty("type").GetString());
        Assert.Null(await again.NextAsync(TimeSpan.FromMilliseconds(300)));
        await leader.PostAsync($"/api/v1/sections/{Cubs}/countdown", """{"action":"start","duration_seconds":60}""", key: null);
        Assert.Equal(60, (await again.ExpectAsync("timer-start")).GetProperty("duration").GetInt32());

        var (_, boards) = await leader.GetJsonAsync("/api/v1/boards");
        Assert.Contains(boards.GetProperty("boards").EnumerateArray(), b => b.GetProperty("id").GetString() == movingId && b.GetProperty("section_id").GetInt64() == Cubs);
    }

    [SkippableFact]
    public async Task A_boards_stream_is_told_to_reconnect_and_its_new_stream_shows_the_new_section()
    {
        await using var host = await PatrolsTestHost.StartAsync(Mode, instances: Instances);
        var token = await host.AddDeviceAsync();
        using var leader = await LeaderClient.SignInAsync(host);
        using var client = host.CreateClient(Instances - 1);
        await using var stream = await Live.EventStream.OpenAsync(client, token);
        Assert.Contains("Wolves", (await stream.NextAsync(TimeSpan.FromSeconds(10)))!.Data!.Value.GetRawText(), StringComparison.Ordinal);

        await leader.PostAsync($"/api/v1/boards/{await host.DeviceIdAsync(token)}/move", $$"""{"section_id":{{Cubs}}}""", key: null);

        var told = await stream.NextAsync(TimeSpan.FromSeconds(10));
        Assert.Equal("{}", told?.Data?.GetRawText());
        await stream.Ended.WaitAsync(TimeSpan.FromSeconds(10));
        await using var next = await Live.EventStream.OpenAsync(client, token);
        Assert.Contains("Red Six", (await next.NextAsync(TimeSpan.FromSeconds(10)))!.Data!.Value.GetRawText(), StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task A_section_or_a_board_that_is_not_the_leaders_is_refused_and_audited_and_nothing_moves()
    {
        await using var host = await PatrolsTestHost.StartAsync(Mode, instances: Instances);
        var mine = await host.AddDeviceAsync();
        var others = await host.AddDeviceAsync(userId: 100002, sectionId: 20001);
        using var leader = await LeaderClient.SignInAsync(host);
        var mineId = await host.DeviceIdAsync(mine);
        var othersId = await host.DeviceIdAsync(others);
        var calls = host.Osm.TotalCalls;

        var (foreignSection, foreignBody) = await leader.PostAsync($"/api/v1/boards/{mineId}/move", """{"section_id":20001}""", key: null);
        var (foreignBoard, boardBody) = await leader.PostAsync($"/api/v1/boards/{othersId}/move", $$"""{"section_id":{{Cubs}}}""", key: null);
        var (notJson, _) = await leader.PostAsync($"/api/v1/boards/{mineId}/move", """{"section_id":10002}""", key: null, contentType: "text/plain");
        var bad = new List<string>();
        foreach (var body in new[] { "{}", """{"section_id":0}""", """{"section_id":"10002"}""", """{"local_teams":false}""", """{"section_id":10002,"local_teams":true}""", "[1]", "{" })
        {
            var (badStatus, badBody) = await leader.PostAsync($"/api/v1/boards/{mineId}/move", body, key: null);
            bad.Add($"{(int)badStatus} {badBody.GetProperty("error").GetString()}");
        }

        Assert.Equal((HttpStatusCode.Forbidden, "section_not_allowed"), (foreignSection, foreignBody.GetProperty("error").GetString()));
        Assert.Equal((HttpStatusCode.Forbidden, "board_not_allowed"), (foreignBoard, boardBody.GetProperty("error").GetString()));
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, notJson);
        Assert.All(bad, line => Assert.Equal("400 invalid_move", line));
        var store = host.Services.GetRequiredService<IDeviceStore>();
        Assert.Equal(Scouts, (await store.GetAsync(mineId, default))!.SectionId);
        Assert.Equal(20001, (await store.GetAsync(othersId, default))!.SectionId);
        Assert.Equal(calls, host.Osm.TotalCalls);
        var refused = await host.Services.GetRequiredService<IAuditStore>().ListAsync(null, 50, AuditActions.SectionRefused, default);
        Assert.Equal(2, refused.Count);
    }

    private static async Task<string> PollAsync(HttpClient client, string token) =>
        (await Patrols.DeviceCalls.GetAsync(client, token)).Body.GetProperty("patrols").GetRawText();
}

public sealed class EmbeddedBoardMoveTests : BoardMoveTests
{
    protected override StorageMode Mode => StorageMode.Embedded;
}

public sealed class TwoReplicaBoardMoveTests : BoardMoveTests
{
    protected override StorageMode Mode => StorageMode.Distributed;

    protected override int Instances => 2;
}
