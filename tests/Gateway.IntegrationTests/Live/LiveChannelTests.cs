using System.Net;
using System.Net.WebSockets;
using Microsoft.Extensions.DependencyInjection;
using PatrolScores.Gateway.IntegrationTests.Infrastructure;
using PatrolScores.Gateway.Live;
using PatrolScores.Gateway.Storage;
using PatrolScores.OsmSimulator;
using static PatrolScores.Gateway.IntegrationTests.Patrols.DeviceCalls;

namespace PatrolScores.Gateway.IntegrationTests.Live;

/// <summary>
/// The boards in the field, unmodified (<c>../shared/scoreboard-clients.md</c>, "Live channel"): a 200 asks
/// them to connect; <c>/ws/device</c> takes the token in the header or the query and refuses before the
/// upgrade; a new copy with changed scores is pushed as <c>refresh-scores</c> after it is readable, to that
/// section's boards only, on every replica; one connection per device; <c>disconnect</c> with a reason
/// before every close the server makes.
/// </summary>
public abstract class LiveChannelTests
{
    private static readonly TimeSpan Quiet = TimeSpan.FromMilliseconds(700);

    protected abstract StorageMode Mode { get; }

    protected virtual int Instances => 1;

    [SkippableFact]
    public async Task A_score_change_reaches_the_sections_boards_after_the_copy_is_readable_and_only_then()
    {
        await using var host = await PatrolsTestHost.StartAsync(Mode, instances: Instances);
        var hut = await host.AddDeviceAsync(100001, 10001);
        var door = await host.AddDeviceAsync(100001, 10001);
        var cubs = await host.AddDeviceAsync(100001, 10002);
        using var polling = host.CreateClient(0);
        var first = await GetAsync(polling, hut);
        Assert.True(first.Body.GetProperty("websocket").GetProperty("requested").GetBoolean());
        await GetAsync(polling, cubs);

        // The boards listen on the last instance; the fetch happens on the first.
        await using var hutBoard = await Board.ConnectAsync(() => host.ConnectBoardAsync(hut, Instances - 1));
        await using var cubsBoard = await Board.ConnectAsync(() => host.ConnectBoardAsync(cubs, Instances - 1, tokenInQuery: true));
        host.Osm.SetPatrolPoints(10001, 72700, 99);
        host.Time.Advance(TimeSpan.FromMinutes(6));
        var fetched = await GetAsync(polling, door);
        Assert.Equal("MISS", fetched.Cache);

        await hutBoard.ExpectAsync("refresh-scores");
        using var boardsClient = host.CreateClient(Instances - 1);
        var seen = await GetAsync(boardsClient, hut);
        Assert.Equal(fetched.CachedAtText, seen.CachedAtText);
        Assert.Contains(99, seen.Scores);
        Assert.Null(await cubsBoard.NextAsync(Quiet));

        // A fetch that brings the same scores nudges nobody.
        host.Time.Advance(TimeSpan.FromMinutes(6));
        Assert.Equal("MISS", (await GetAsync(polling, door)).Cache);
        Assert.Null(await hutBoard.NextAsync(Quiet));
    }

    [SkippableFact]
    public async Task A_second_connection_of_a_device_replaces_the_first_which_is_told_why()
    {
        await using var host = await PatrolsTestHost.StartAsync(Mode, instances: Instances);
        var hut = await host.AddDeviceAsync(100001, 10001);
        using var client = host.CreateClient(0);
        await GetAsync(client, hut);
        await using var older = await Board.ConnectAsync(() => host.ConnectBoardAsync(hut));
        await using var newer = await Board.ConnectAsync(() => host.ConnectBoardAsync(hut));

        var told = await older.ExpectAsync("disconnect");
        Assert.Equal("replaced by new connection", told.GetProperty("reason").GetString());
        await older.Closed.WaitAsync(TimeSpan.FromSeconds(5));

        // The old socket's close did not take the new one's subscription with it.
        await older.DisposeAsync();
        await host.Services.GetRequiredService<ScoreChangeFeed>().PublishAsync(new ScoreChange(new(10001, 50263), host.Time.GetUtcNow()));
        await newer.ExpectAsync("refresh-scores");
        Assert.Equal(1, host.Services.GetRequiredService<DeviceSocketHub>().Count);
    }

    [SkippableFact]
    public async Task Refusals_are_answered_before_the_upgrade()
    {
        await using var host = await PatrolsTestHost.StartAsync(Mode);
        var hut = await host.AddDeviceAsync(100001, 10001);
        using var client = host.CreateClient();

        var unknown = await Assert.ThrowsAnyAsync<Exception>(() => host.ConnectBoardAsync("not-a-device-token"));
        var foreign = await Assert.ThrowsAnyAsync<Exception>(() => host.ConnectBoardAsync(hut, origin: "https://evil.example"));
        using var plain = await SendPlainAsync(client, hut);

        Assert.Contains("401", unknown.Message, StringComparison.Ordinal);
        Assert.Contains("403", foreign.Message, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, plain.StatusCode);
        Assert.Contains("invalid_request", await plain.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        await using var own = await Board.ConnectAsync(() => host.ConnectBoardAsync(hut, origin: "http://127.0.0.1:5080"));
        Assert.Equal(1, host.Services.GetRequiredService<DeviceSocketHub>().Count);
    }

    [SkippableFact]
    public async Task Idle_oversized_and_shutdown_each_end_with_a_disconnect_or_a_close_code()
    {
        await using var host = await PatrolsTestHost.StartAsync(Mode);
        var idle = await host.AddDeviceAsync(100001, 10001);
        var chatty = await host.AddDeviceAsync(100001, 10001);
        var last = await host.AddDeviceAsync(100001, 10002);
        await using var idleBoard = await Board.ConnectAsync(() => host.ConnectBoardAsync(idle));
        await using var chattyBoard = await Board.ConnectAsync(() => host.ConnectBoardAsync(chatty));
        await using var lastBoard = await Board.ConnectAsync(() => host.ConnectBoardAsync(last));

        await chattyBoard.SendAsync("{\"type\":\"status\",\"uptime\":" + new string('1', 600) + "}");
        await chattyBoard.Closed.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.Equal(WebSocketCloseStatus.MessageTooBig, chattyBoard.CloseStatus);

        // 31 minutes with nothing either way; the last board says it is alive half way.
        host.Time.Advance(TimeSpan.FromMinutes(16));
        await lastBoard.SendAsync("{\"type\":\"status\",\"uptime\":960}");
        await Task.Delay(200);
        host.Time.Advance(TimeSpan.FromMinutes(15));
        host.Time.Advance(TimeSpan.FromMinutes(1));
        var timedOut = await idleBoard.ExpectAsync("disconnect");
        Assert.Equal("idle timeout", timedOut.GetProperty("reason").GetString());
        Assert.Null(await lastBoard.NextAsync(Quiet));

        await host.StopGatewaysAsync();
        var stopping = await lastBoard.ExpectAsync("disconnect");
        Assert.Equal("server shutdown", stopping.GetProperty("reason").GetString());
    }

    [SkippableFact]
    public async Task A_reconnect_storm_of_500_boards_leaves_each_subscribed_exactly_once()
    {
        await using var host = await PatrolsTestHost.StartAsync(Mode);
        var tokens = new List<string>();
        for (var i = 0; i < 500; i++)
        {
            tokens.Add(await host.AddDeviceAsync(100001, 10001));
        }

        // Each board connects twice at once (a flaky Wi-Fi reconnecting), 100 boards at a time.
        var boards = new List<Board>();
        foreach (var wave in tokens.Chunk(100))
        {
            boards.AddRange(await Task.WhenAll(wave.SelectMany(token => new[] { token, token }).Select(token => Board.ConnectAsync(() => host.ConnectBoardAsync(token)))));
        }
        try
        {
            var hub = host.Services.GetRequiredService<DeviceSocketHub>();
            Assert.Equal(500, hub.Count);
            Assert.Equal(500, hub.Push(10001, LiveMessages.RefreshScores));

            // Each board's first message: the replaced one of each pair is told why, the other is nudged.
            var firsts = new List<string?>();
            foreach (var board in boards)
            {
                firsts.Add((await board.NextAsync(TimeSpan.FromSeconds(5)))?.GetProperty("type").GetString());
            }

            Assert.Equal(500, firsts.Count(type => type == "refresh-scores"));
            Assert.Equal(500, firsts.Count(type => type == "disconnect"));
        }
        finally
        {
            foreach (var board in boards)
            {
                await board.DisposeAsync();
            }
        }
    }

    private static async Task<HttpResponseMessage> SendPlainAsync(HttpClient client, string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/ws/device");
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        return await client.SendAsync(request);
    }
}

public sealed class EmbeddedLiveChannelTests : LiveChannelTests
{
    protected override StorageMode Mode => StorageMode.Embedded;

    [Fact]
    public async Task Turned_off_polls_do_not_ask_boards_to_connect_and_the_live_endpoints_are_404()
    {
        await using var host = await PatrolsTestHost.StartAsync(Mode, settings: new Dictionary<string, string?> { ["Live:Enabled"] = "false" });
        var hut = await host.AddDeviceAsync(100001, 10001);
        using var client = host.CreateClient();

        var polled = await GetAsync(client, hut);
        var socket = await Assert.ThrowsAnyAsync<Exception>(() => host.ConnectBoardAsync(hut));
        await using var stream = await EventStream.OpenAsync(client, hut);

        Assert.False(polled.Body.TryGetProperty("websocket", out _));
        Assert.Contains("404", socket.Message, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, stream.Response.StatusCode);
    }
}

public sealed class TwoReplicaLiveChannelTests : LiveChannelTests
{
    protected override StorageMode Mode => StorageMode.Distributed;

    protected override int Instances => 2;
}
