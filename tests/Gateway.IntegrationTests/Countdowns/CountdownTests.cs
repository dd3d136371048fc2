using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using PatrolScores.Gateway.Devices;
using PatrolScores.Gateway.IntegrationTests.Infrastructure;
using PatrolScores.Gateway.Storage;
using PatrolScores.Gateway.Storage.Records;
using LiveBoard = PatrolScores.Gateway.IntegrationTests.Live.Board;

namespace PatrolScores.Gateway.IntegrationTests.Countdowns;

/// <summary>
/// A leader's countdown reaches the section's boards with the field boards' timer messages, on every replica; a board that
/// reconnects mid-countdown is told the time left (on the gateway's clock); another leader's boards hear nothing; a board of
/// the leader's own can have its own; a board that is not theirs cannot be touched.
/// </summary>
public abstract class CountdownTests
{
    private const long Section = 10001;

    protected abstract StorageMode Mode { get; }

    protected virtual int Instances => 1;

    [SkippableFact]
    public async Task A_60_second_countdown_reaches_the_sections_boards_and_a_reconnecting_board_is_told_the_time_left()
    {
        await using var host = await PatrolsTestHost.StartAsync(Mode, instances: Instances);
        var token = await host.AddDeviceAsync();
        var othersToken = await host.AddDeviceAsync(userId: 100002, sectionId: 20001);
        var boardInstance = Instances - 1;
        using var leader = await LeaderClient.SignInAsync(host);
        await using var board = await LiveBoard.ConnectAsync(() => host.ConnectBoardAsync(token, boardInstance));
        await using var others = await LiveBoard.ConnectAsync(() => host.ConnectBoardAsync(othersToken, boardInstance));

        var (status, started) = await PostAsync(leader, """{"action":"start","duration_seconds":60}""");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("running", started.GetProperty("state").GetString());
        Assert.Equal(60, (await board.ExpectAsync("timer-start")).GetProperty("duration").GetInt32());

        host.Time.Advance(TimeSpan.FromSeconds(20));
        await using (var again = await LiveBoard.ConnectAsync(() => host.ConnectBoardAsync(token, 0)))
        {
            Assert.Equal(40, (await again.ExpectAsync("timer-start")).GetProperty("duration").GetInt32());
            await PostAsync(leader, """{"action":"pause"}""");
            await again.ExpectAsync("timer-pause");
        }

        host.Time.Advance(TimeSpan.FromMinutes(5));
        await using (var paused = await LiveBoard.ConnectAsync(() => host.ConnectBoardAsync(token, boardInstance)))
        {
            Assert.Equal(40, (await paused.ExpectAsync("timer-start")).GetProperty("duration").GetInt32());
            await paused.ExpectAsync("timer-pause");
            var (_, resumed) = await PostAsync(leader, """{"action":"resume"}""");
            Assert.Equal(40, resumed.GetProperty("remaining_seconds").GetInt32());
            await paused.ExpectAsync("timer-resume");
            await PostAsync(leader, """{"action":"reset"}""");
            await paused.ExpectAsync("timer-reset");
        }

        await using (var afterReset = await LiveBoard.ConnectAsync(() => host.ConnectBoardAsync(token, boardInstance)))
        {
            Assert.Null(await afterReset.NextAsync(TimeSpan.FromMilliseconds(500)));
        }

        Assert.Null(await others.NextAsync(TimeSpan.FromMilliseconds(300)));
    }

    [SkippableFact]
    public async Task One_board_of_the_leaders_own_can_have_its_own_countdown_and_another_leaders_board_cannot_be_touched()
    {
        await using var host = await PatrolsTestHost.StartAsync(Mode, instances: Instances);
        var mine = await host.AddDeviceAsync();
        var alsoMine = await host.AddDeviceAsync();
        var othersInSection = await host.AddDeviceAsync(userId: 100002, sectionId: Section);
        var devices = host.Services.GetRequiredService<IDeviceStore>();
        var mineId = (await devices.FindByTokenHashAsync(DeviceTokenHash.Compute(mine), default))!.Id;
        var othersId = (await devices.FindByTokenHashAsync(DeviceTokenHash.Compute(othersInSection), default))!.Id;
        using var leader = await LeaderClient.SignInAsync(host);
        await using var first = await LiveBoard.ConnectAsync(() => host.ConnectBoardAsync(mine, Instances - 1));
        await using var second = await LiveBoard.ConnectAsync(() => host.ConnectBoardAsync(alsoMine, 0));

        var (status, _) = await PostAsync(leader, $$"""{"action":"start","duration_seconds":90,"device_id":"{{mineId}}"}""");
        var (refused, body) = await PostAsync(leader, $$"""{"action":"start","duration_seconds":90,"device_id":"{{othersId}}"}""");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(90, (await first.ExpectAsync("timer-start")).GetProperty("duration").GetInt32());
        Assert.Null(await second.NextAsync(TimeSpan.FromMilliseconds(300)));
        Assert.Equal(HttpStatusCode.Forbidden, refused);
        Assert.Equal("board_not_allowed", body.GetProperty("error").GetString());
        var (_, listed) = await leader.GetJsonAsync($"/api/v1/sections/{Section}/countdown");
        Assert.Equal("none", listed.GetProperty("section").GetProperty("state").GetString());
        Assert.Equal(mineId, listed.GetProperty("boards")[0].GetProperty("device_id").GetString());
    }

    [SkippableFact]
    public async Task A_boards_stream_carries_its_countdown_as_timer_events()
    {
        await using var host = await PatrolsTestHost.StartAsync(Mode, instances: Instances);
        var token = await host.AddDeviceAsync();
        using var leader = await LeaderClient.SignInAsync(host);
        await PostAsync(leader, """{"action":"start","duration_seconds":60}""");
        host.Time.Advance(TimeSpan.FromSeconds(15));
        using var client = host.CreateClient(Instances - 1);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/patrols/stream");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());

        var first = await NextTimerAsync(reader);
        await PostAsync(leader, """{"action":"pause"}""");
        var paused = await NextTimerAsync(reader);

        Assert.Equal(("running", 45, 60), (first.GetProperty("state").GetString(), first.GetProperty("remaining_seconds").GetInt32(), first.GetProperty("duration_seconds").GetInt32()));
        Assert.Equal(("paused", 45), (paused.GetProperty("state").GetString(), paused.GetProperty("remaining_seconds").GetInt32()));
    }

    private static Task<(HttpStatusCode Status, JsonElement Body)> PostAsync(LeaderClient leader, string json) =>
        leader.PostAsync($"/api/v1/sections/{Section}/countdown", json, key: null);

    private static async Task<JsonElement> NextTimerAsync(StreamReader reader)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var timer = false;
        while (await reader.ReadLineAsync(timeout.Token) is { } line)
        {
            if (line == "event: timer")
            {
                timer = true;
            }
            else if (timer && line.StartsWith("data: ", StringComparison.Ordinal))
            {
                return JsonDocument.Parse(line[6..]).RootElement.Clone();
            }
            else if (line.Length == 0)
            {
                timer = false;
            }
        }

        throw new InvalidOperationException("the stream ended without a timer event");
    }
}

public sealed class EmbeddedCountdownTests : CountdownTests
{
    protected override StorageMode Mode => StorageMode.Embedded;
}

public sealed class TwoReplicaCountdownTests : CountdownTests
{
    protected override StorageMode Mode => StorageMode.Distributed;

    protected override int Instances => 2;
}
