using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using PatrolScores.Gateway.Admin;
using PatrolScores.Gateway.IntegrationTests.Infrastructure;
using PatrolScores.Gateway.Storage;
using PatrolScores.OsmSimulator;

namespace PatrolScores.Gateway.IntegrationTests.Awards;

/// <summary>
/// Nothing is lost while OSM says no: a submission refused by a 429 or an <c>X-Blocked</c> waits in the records, outlives a
/// restart, and is sent exactly once when calls are allowed again, spread out rather than in a burst.
/// </summary>
public abstract class AwardQueueTests
{
    private const long Section = 10001;
    private const long Wolves = 72699;

    protected abstract StorageMode Mode { get; }

    internal static Dictionary<string, string?> QuickSender() => new()
    {
        ["Awards:PollInterval"] = "00:00:01",
        ["Awards:SendSpacing"] = "00:00:01",
        ["Awards:AnswerWait"] = "00:00:05",
        ["Freshness:BlockEndSpread"] = "00:00:00",
    };

    [SkippableFact]
    public async Task A_429_queues_the_award_which_lands_exactly_once_after_a_restart_once_the_window_ends()
    {
        await using var host = await PatrolsTestHost.StartAsync(Mode, settings: QuickSender());
        using (var leader = await LeaderClient.SignInAsync(host))
        {
            Assert.Equal(HttpStatusCode.OK, (await leader.GetJsonAsync($"/api/v1/sections/{Section}/patrols")).Status);
            host.Osm.Faults.TooManyRequests = 600;

            var (status, body) = await leader.AwardAsync(Section, "queued-key-01", "Flag raising", (Wolves, 5));

            Assert.Equal(HttpStatusCode.Accepted, status);
            Assert.Equal("pending", body.GetProperty("status").GetString());
            Assert.Equal("2026-11-23T14:40:00Z", body.GetProperty("awards")[0].GetProperty("not_before").GetString());
            Assert.Equal("Wolves", body.GetProperty("awards")[0].GetProperty("patrol_name").GetString());
            Assert.Equal(0, host.Osm.Calls(SimulatorEndpoints.UpdatePatrolPoints));
            Assert.Equal(47, host.Osm.GetPatrolPoints(Section, Wolves));
        }

        host.Osm.Faults.Clear();
        await host.RestartGatewayAsync();
        await Task.Delay(TimeSpan.FromSeconds(2));
        Assert.Equal(0, host.Osm.Calls(SimulatorEndpoints.UpdatePatrolPoints));

        host.Time.Advance(TimeSpan.FromMinutes(11));
        using var again = await LeaderClient.SignInAsync(host);
        var landed = await WaitForStatusAsync(again, Section, "applied");

        Assert.Equal(52, host.Osm.GetPatrolPoints(Section, Wolves));
        Assert.Equal(1, host.Osm.Calls(SimulatorEndpoints.UpdatePatrolPoints));
        Assert.Equal(52, landed.GetProperty("awards")[0].GetProperty("points_after").GetInt32());
        await Task.Delay(TimeSpan.FromSeconds(2));
        Assert.Equal(1, host.Osm.Calls(SimulatorEndpoints.UpdatePatrolPoints));
    }

    [SkippableFact]
    public async Task During_x_blocked_nothing_is_sent_and_the_queue_drains_spread_out_once_an_operator_lifts_it()
    {
        await using var host = await PatrolsTestHost.StartAsync(Mode, settings: QuickSender());
        using var leader = await LeaderClient.SignInAsync(host);
        Assert.Equal(HttpStatusCode.OK, (await leader.GetJsonAsync($"/api/v1/sections/{Section}/patrols")).Status);
        host.Osm.Faults.BlockedOnSuccess = true;

        var (first, _) = await leader.AwardAsync(Section, "blocked-key-01", null, (Wolves, 1));
        host.Osm.Faults.Clear();
        var callsWhileBlocked = host.Osm.TotalCalls;
        var (second, _) = await leader.AwardAsync(Section, "blocked-key-02", null, (Wolves, 2));
        var (third, _) = await leader.AwardAsync(Section, "blocked-key-03", null, (Wolves, 3));
        await Task.Delay(TimeSpan.FromSeconds(3));

        Assert.Equal((HttpStatusCode.Accepted, HttpStatusCode.Accepted, HttpStatusCode.Accepted), (first, second, third));
        Assert.Equal(callsWhileBlocked, host.Osm.TotalCalls);
        Assert.Equal(0, host.Osm.Calls(SimulatorEndpoints.UpdatePatrolPoints));

        await host.Services.GetRequiredService<AdminOperations>().ClearGlobalBlockAsync("admin:test", "OSM lifted it", null, default);
        await WaitForStatusAsync(leader, Section, "applied", count: 3);

        Assert.Equal(47 + 6, host.Osm.GetPatrolPoints(Section, Wolves));
        var writes = host.Osm.ArrivalTimes(SimulatorEndpoints.UpdatePatrolPoints);
        Assert.Equal(3, writes.Count);
        Assert.All(writes.Zip(writes.Skip(1)), pair => Assert.True(pair.Second - pair.First >= TimeSpan.FromMilliseconds(900), $"writes {pair.First:O} and {pair.Second:O} came in a burst"));
    }

    // Polls the history until the newest `count` submissions all have `status`.
    internal static async Task<JsonElement> WaitForStatusAsync(LeaderClient leader, long section, string status, int count = 1)
    {
        JsonElement newest = default;
        for (var attempt = 0; attempt < 150; attempt++)
        {
            var (_, history) = await leader.GetJsonAsync($"/api/v1/sections/{section}/awards?limit={count}");
            var submissions = history.GetProperty("submissions").EnumerateArray().ToList();
            if (submissions.Count == count && submissions.All(s => s.GetProperty("status").GetString() == status))
            {
                return submissions[0];
            }

            newest = submissions.FirstOrDefault();
            await Task.Delay(100);
        }

        Assert.Fail($"the submissions did not become {status}; newest: {newest}");
        return default;
    }
}

public sealed class EmbeddedAwardQueueTests : AwardQueueTests
{
    protected override StorageMode Mode => StorageMode.Embedded;
}

public sealed class DistributedAwardQueueTests : AwardQueueTests
{
    protected override StorageMode Mode => StorageMode.Distributed;
}
