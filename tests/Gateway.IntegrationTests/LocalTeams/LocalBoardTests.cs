using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using PatrolScores.Gateway.Devices;
using PatrolScores.Gateway.IntegrationTests.Infrastructure;
using PatrolScores.Gateway.Storage;
using PatrolScores.Gateway.Storage.Records;
using LiveBoard = PatrolScores.Gateway.IntegrationTests.Live.Board;

namespace PatrolScores.Gateway.IntegrationTests.LocalTeams;

/// <summary>
/// A leader points one of their boards at their local teams: its poll shows the teams as patrols with their colours, every
/// award reaches it at once (WebSocket nudge, a stream's event) on every replica, no OSM call is ever made for it, another
/// leader's boards never see the teams (and their own local board shows only their own), and it survives a restart.
/// </summary>
public abstract class LocalBoardTests
{
    protected abstract StorageMode Mode { get; }

    protected virtual int Instances => 1;

    [SkippableFact]
    public async Task A_board_pointed_at_local_teams_shows_them_and_every_award_at_once_and_no_one_else_sees_them()
    {
        await using var host = await PatrolsTestHost.StartAsync(Mode, instances: Instances);
        var token = await host.AddDeviceAsync();
        var othersToken = await host.AddDeviceAsync(userId: 100002, sectionId: 20001);
        var last = Instances - 1;
        using var sam = await LeaderClient.SignInAsync(host);
        using var alex = await LeaderClient.SignInAsync(host, userId: 100002, instance: last);
        var teams = new LocalTeamsApi(sam);
        var hawks = await teams.CreateIdAsync("Hawks", "red");
        var owls = await teams.CreateIdAsync("Owls", "blue");
        await teams.CreateIdAsync("Foxes");
        await using var board = await LiveBoard.ConnectAsync(() => host.ConnectBoardAsync(token, last));
        await using var others = await LiveBoard.ConnectAsync(() => host.ConnectBoardAsync(othersToken, last));
        var calls = host.Osm.TotalCalls;

        var (moved, view) = await sam.PostAsync($"/api/v1/boards/{await host.DeviceIdAsync(token)}/move", """{"local_teams":true}""", key: null);

        Assert.Equal(HttpStatusCode.OK, moved);
        Assert.Equal("local_teams", view.GetProperty("shows").GetString());
        await board.ExpectAsync("refresh-scores");
        await board.ExpectAsync("reconnect");
        await board.ExpectAsync("disconnect");
        using var device = host.CreateClient(last);
        var body = await PollAsync(device, token);
        var patrols = body.GetProperty("patrols").EnumerateArray().Select(p => (p.GetProperty("id").GetString(), p.GetProperty("name").GetString(), p.GetProperty("score").GetInt32())).ToList();
        Assert.Equal([(hawks, "Hawks", 0), (owls, "Owls", 0)], patrols.Take(2));
        Assert.Equal("Foxes", patrols[2].Item2);
        var colours = body.GetProperty("settings").GetProperty("patrolColors");
        Assert.Equal(("red", "blue", 2), (colours.GetProperty(hawks).GetString(), colours.GetProperty(owls).GetString(), colours.EnumerateObject().Count()));
        Assert.Equal("NONE", body.GetProperty("rate_limit_state").GetString());

        // Reconnected, the board hears each award on any replica; its stream sends the new scores.
        await using var again = await LiveBoard.ConnectAsync(() => host.ConnectBoardAsync(token, last));
        using var streamClient = host.CreateClient(last);
        await using var stream = await Live.EventStream.OpenAsync(streamClient, token);
        Assert.Contains("Hawks", (await stream.NextAsync(TimeSpan.FromSeconds(10)))!.Data!.Value.GetRawText(), StringComparison.Ordinal);
        var (awarded, _) = await teams.AwardAsync("game-night-0001", "quiz", (hawks, 5));
        Assert.Equal(HttpStatusCode.OK, awarded);
        await again.ExpectAsync("refresh-scores");
        Assert.Equal(5, ScoreOf(await PollAsync(device, token), hawks));
        var streamed = await stream.NextAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(5, ScoreOf(streamed!.Data!.Value, hawks));

        // A countdown on the boards showing local teams reaches this one (and one that connects later is told the time left).
        var (started, _) = await sam.PostAsync("/api/v1/local-teams/countdown", """{"action":"start","duration_seconds":60}""", key: null);
        Assert.Equal(HttpStatusCode.OK, started);
        Assert.Equal(60, (await again.ExpectAsync("timer-start")).GetProperty("duration").GetInt32());
        host.Time.Advance(TimeSpan.FromSeconds(15));
        await using (var later = await LiveBoard.ConnectAsync(() => host.ConnectBoardAsync(token, 0)))
        {
            Assert.Equal(45, (await later.ExpectAsync("timer-start")).GetProperty("duration").GetInt32());
        }

        // Nothing of it reaches Alex's board, and Alex's own local board shows Alex's (no) teams.
        Assert.Null(await others.NextAsync(TimeSpan.FromMilliseconds(300)));
        await alex.PostAsync($"/api/v1/boards/{await host.DeviceIdAsync(othersToken)}/move", """{"local_teams":true}""", key: null);
        Assert.Equal("[]", (await PollAsync(device, othersToken)).GetProperty("patrols").GetRawText());
        Assert.Equal(calls, host.Osm.TotalCalls);
    }

    [SkippableFact]
    public async Task A_board_on_local_teams_still_shows_them_after_a_restart_and_moves_back_to_its_section()
    {
        await using var host = await PatrolsTestHost.StartAsync(Mode, instances: Instances);
        var token = await host.AddDeviceAsync();
        using (var sam = await LeaderClient.SignInAsync(host))
        {
            var hawks = await new LocalTeamsApi(sam).CreateIdAsync("Hawks", "green");
            await new LocalTeamsApi(sam).AwardAsync("restart-0001", null, (hawks, 12));
            var (created, owls) = await new LocalTeamsApi(sam).CreateAsync("Owls");
            Assert.Equal((HttpStatusCode.Created, 2), (created, owls.GetProperty("position").GetInt32()));
            await sam.PostAsync($"/api/v1/boards/{await host.DeviceIdAsync(token)}/move", """{"local_teams":true}""", key: null);
        }

        await host.RestartGatewayAsync();
        using var device = host.CreateClient();
        var body = await PollAsync(device, token);
        Assert.Equal(("Hawks", 12), (body.GetProperty("patrols")[0].GetProperty("name").GetString(), body.GetProperty("patrols")[0].GetProperty("score").GetInt32()));

        using var leader = await LeaderClient.SignInAsync(host);
        await leader.PostAsync($"/api/v1/boards/{await host.DeviceIdAsync(token)}/move", """{"section_id":10001}""", key: null);
        Assert.Contains("Wolves", (await PollAsync(device, token)).GetProperty("patrols").GetRawText(), StringComparison.Ordinal);
    }

    private static int ScoreOf(JsonElement body, string teamId) =>
        body.GetProperty("patrols").EnumerateArray().Single(p => p.GetProperty("id").GetString() == teamId).GetProperty("score").GetInt32();

    private static async Task<JsonElement> PollAsync(HttpClient client, string token) => (await Patrols.DeviceCalls.GetAsync(client, token)).Body;
}

public sealed class EmbeddedLocalBoardTests : LocalBoardTests
{
    protected override StorageMode Mode => StorageMode.Embedded;
}

public sealed class TwoReplicaLocalBoardTests : LocalBoardTests
{
    protected override StorageMode Mode => StorageMode.Distributed;

    protected override int Instances => 2;
}
