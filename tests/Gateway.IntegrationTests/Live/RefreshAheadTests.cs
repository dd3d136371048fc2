using System.Net;
using Microsoft.Extensions.DependencyInjection;
using PatrolScores.Gateway.IntegrationTests.Infrastructure;
using PatrolScores.Gateway.Patrols.Refreshing;
using PatrolScores.Gateway.Storage;
using PatrolScores.OsmSimulator;
using static PatrolScores.Gateway.IntegrationTests.Patrols.DeviceCalls;

namespace PatrolScores.Gateway.IntegrationTests.Live;

/// <summary>
/// Refresh-ahead (issue 11, part 4 and 5), with the simulator over real HTTP and fake time: watched sections are
/// fetched before <c>valid_until</c>, so boards polling as the ones in the field do (at <c>cache_expires_at</c>
/// + 7 s) are always answered from the cache, while OSM sees ⌈60 / TTL⌉ calls per section per hour whatever the
/// number of boards; no call while a block holds or at the quota reserve; a change made in OSM reaches the boards
/// at the next refresh, and only a real change nudges them.
/// </summary>
public abstract class RefreshAheadTests
{
    private static readonly TimeSpan Step = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan Ttl = TimeSpan.FromMinutes(5);
    private static readonly long[] Sections = [10001, 10002, 10003, 10004, 10005];

    protected abstract StorageMode Mode { get; }

    protected virtual int Instances => 1;

    [SkippableFact]
    public async Task Fifty_boards_on_five_sections_for_an_hour_cost_one_call_per_ttl_per_section_and_never_wait()
    {
        await using var host = await StartAsync();
        for (var section = 10003L; section <= 10005; section++)
        {
            host.Osm.AddSection(100001, section, $"Section {section}");
            host.Osm.AddPatrol(section, (section * 10) + 1, "Eagles", 10);
            host.Osm.AddPatrol(section, (section * 10) + 2, "Owls", 20);
        }

        var boards = new List<PollingBoard>();
        for (var i = 0; i < 50; i++)
        {
            boards.Add(new PollingBoard(await host.AddDeviceAsync(100001, Sections[i % Sections.Length]), i % Instances));
        }

        var clients = Enumerable.Range(0, Instances).Select(host.CreateClient).ToArray();

        // Warm-up: each board's first poll (a section's first is the miss that fills the cache).
        foreach (var board in boards)
        {
            board.Took(await GetAsync(clients[board.Instance], board.Token));
        }

        var before = Sections.ToDictionary(section => section, section => host.Osm.SectionCalls(SimulatorEndpoints.Patrols, section));
        Assert.All(before.Values, calls => Assert.Equal(1, calls));
        var misses = new List<string>();
        var start = host.Time.GetUtcNow();
        while (host.Time.GetUtcNow() < start + TimeSpan.FromHours(1))
        {
            await AdvanceAsync(host, Step);
            foreach (var board in boards.Where(board => board.NextPoll <= host.Time.GetUtcNow()))
            {
                var answer = await GetAsync(clients[board.Instance], board.Token);
                if (answer.Cache != "HIT")
                {
                    misses.Add($"{host.Time.GetUtcNow():T} {answer.Cache} {answer.CachedAtText}");
                }

                board.Took(answer);
            }
        }

        Assert.Empty(misses);

        // The operator sees it: each replica's watched sections with their boards, the shared queue, the outcomes.
        using var admin = host.CreateClient(0);
        var status = (await Admin.AdminClient.AdminGetAsync(admin, "/admin/api/status")).Body.GetProperty("refresh");
        var watchedHere = status.GetProperty("watched_here").EnumerateArray().ToList();
        Assert.Equal(Sections, watchedHere.Select(w => w.GetProperty("section_id").GetInt64()).Order());
        Assert.Equal(50 / Instances, watchedHere.Sum(w => w.GetProperty("boards").GetInt32()));
        Assert.Equal(Sections, status.GetProperty("queue").EnumerateArray().Select(q => q.GetProperty("section_id").GetInt64()).Order());
        Assert.True(status.GetProperty("outcomes").GetProperty("refreshed").GetInt64() > 0);
        var expected = (int)Math.Ceiling(60 / Ttl.TotalMinutes);
        Assert.All(Sections, section => Assert.Equal(expected, host.Osm.SectionCalls(SimulatorEndpoints.Patrols, section) - before[section]));
        Assert.All(boards, board => Assert.True(board.Polls >= 12, $"a board polled {board.Polls} times"));
    }

    [SkippableFact]
    public async Task Points_changed_in_osm_reach_the_boards_at_the_next_refresh_and_only_a_real_change_nudges_them()
    {
        await using var host = await StartAsync();
        var hut = await host.AddDeviceAsync(100001, 10001);
        using var client = host.CreateClient(0);
        var first = await GetAsync(client, hut);
        await using var board = await Board.ConnectAsync(() => host.ConnectBoardAsync(hut, Instances - 1));
        await using var stream = await EventStream.OpenAsync(host.CreateClient(Instances - 1), hut);
        await NextScoresAsync(stream);

        // The refresh ahead of the first copy's end brings the same scores: nobody is nudged.
        await AdvanceUntilAsync(host, first.ExpiresAt - TimeSpan.FromSeconds(5));
        Assert.Equal(2, host.Osm.Calls(SimulatorEndpoints.Patrols));
        Assert.Null(await board.NextAsync(TimeSpan.FromMilliseconds(500)));

        host.Osm.SetPatrolPoints(10001, 72700, 77);
        await AdvanceUntilAsync(host, first.ExpiresAt + Ttl - TimeSpan.FromSeconds(5));
        Assert.Equal(3, host.Osm.Calls(SimulatorEndpoints.Patrols));
        await board.ExpectAsync("refresh-scores");
        var pushed = await NextScoresAsync(stream);
        Assert.Contains(77, pushed.GetProperty("patrols").EnumerateArray().Select(patrol => patrol.GetProperty("score").GetInt32()));

        // The board polls when told and sees the new scores from the cache.
        var seen = await GetAsync(host.CreateClient(Instances - 1), hut);
        Assert.Equal("HIT", seen.Cache);
        Assert.Contains(77, seen.Scores);
    }

    [SkippableFact]
    public async Task No_call_is_made_while_a_users_block_holds_and_refreshing_resumes_after_it()
    {
        await using var host = await StartAsync(PatrolsTestHost.ExactBlockEnds());
        var hut = await host.AddDeviceAsync(100001, 10001);
        using var client = host.CreateClient(0);
        var first = await GetAsync(client, hut);

        // The refresh ahead of the first copy's end is answered 429 with a 20 minute wait.
        host.Osm.Faults.TooManyRequests = 1200;
        await AdvanceUntilAsync(host, first.ExpiresAt - TimeSpan.FromSeconds(15));
        Assert.Equal(2, host.Osm.Calls(SimulatorEndpoints.Patrols));
        host.Osm.Faults.TooManyRequests = null;
        var blockedAt = host.Time.GetUtcNow();

        await AdvanceUntilAsync(host, blockedAt + TimeSpan.FromMinutes(19));
        Assert.Equal(2, host.Osm.Calls(SimulatorEndpoints.Patrols));
        Assert.True(Outcomes(host, RefreshOutcome.SkippedBlock) >= 1);

        await AdvanceUntilAsync(host, blockedAt + TimeSpan.FromMinutes(21));
        Assert.Equal(3, host.Osm.Calls(SimulatorEndpoints.Patrols));
    }

    [SkippableFact]
    public async Task No_call_is_made_after_osm_blocks_the_application()
    {
        await using var host = await StartAsync();
        var hut = await host.AddDeviceAsync(100001, 10001);
        using var client = host.CreateClient(0);
        var first = await GetAsync(client, hut);

        host.Osm.Faults.BlockedOnSuccess = true;
        await AdvanceUntilAsync(host, first.ExpiresAt - TimeSpan.FromSeconds(15));
        Assert.Equal(2, host.Osm.Calls(SimulatorEndpoints.Patrols));

        await AdvanceUntilAsync(host, first.ExpiresAt + TimeSpan.FromMinutes(30));
        Assert.Equal(2, host.Osm.Calls(SimulatorEndpoints.Patrols));
        Assert.True(Outcomes(host, RefreshOutcome.SkippedBlock) >= 1);
    }

    [SkippableFact]
    public async Task No_refresh_is_made_at_the_quota_reserve_and_polls_fetch_at_expiry_as_before()
    {
        await using var host = await StartAsync(new Dictionary<string, string?> { ["Refresh:QuotaReserve"] = "500" });
        host.Osm.SetRemaining(100001, 300);
        var hut = await host.AddDeviceAsync(100001, 10001);
        using var client = host.CreateClient(0);
        var first = await GetAsync(client, hut);

        // Up to the copy's end, and beyond it until the board's own poll: no refresh-ahead call.
        await AdvanceUntilAsync(host, first.ExpiresAt + TimeSpan.FromSeconds(6));
        Assert.Equal(1, host.Osm.Calls(SimulatorEndpoints.Patrols));
        Assert.True(Outcomes(host, RefreshOutcome.SkippedQuota) >= 1);

        var polled = await GetAsync(client, hut);
        Assert.Equal("MISS", polled.Cache);
        Assert.Equal(2, host.Osm.Calls(SimulatorEndpoints.Patrols));
    }

    [SkippableFact]
    public async Task A_section_nobody_watches_any_more_is_left_to_expire()
    {
        await using var host = await StartAsync(new Dictionary<string, string?> { ["Refresh:WatchWindow"] = "00:12:00" });
        var hut = await host.AddDeviceAsync(100001, 10001);
        using var client = host.CreateClient(0);
        await GetAsync(client, hut);

        // The board goes away after its first poll at 0:00. Watched until 0:12, the section is refreshed at 4:30
        // and 9:30 (30 s before each copy's end); at 14:30 nobody has watched it for 12 minutes: forgotten.
        await AdvanceUntilAsync(host, host.Time.GetUtcNow() + TimeSpan.FromHours(1));
        var calls = host.Osm.Calls(SimulatorEndpoints.Patrols);
        Assert.Equal(3, calls);
        Assert.True(Outcomes(host, RefreshOutcome.Unwatched) >= 1);
        await AdvanceUntilAsync(host, host.Time.GetUtcNow() + TimeSpan.FromHours(1));
        Assert.Equal(calls, host.Osm.Calls(SimulatorEndpoints.Patrols));
    }

    // The stream's next event with data (heartbeat comments skipped), within 5 s.
    private static async Task<System.Text.Json.JsonElement> NextScoresAsync(EventStream stream)
    {
        var comments = 0;
        while (await stream.NextAsync(TimeSpan.FromSeconds(5)) is { } next)
        {
            if (next.Data is { } data)
            {
                return data;
            }

            comments++;
        }

        Assert.Fail($"the stream sent no scores within 5 s (after {comments} comments)");
        return default;
    }

    private async Task<PatrolsTestHost> StartAsync(Dictionary<string, string?>? extra = null)
    {
        var settings = PatrolsTestHost.RefreshOn(Step);
        foreach (var (key, value) in extra ?? [])
        {
            settings[key] = value;
        }

        var host = await PatrolsTestHost.StartAsync(Mode, settings: Admin.AdminClient.Settings(settings), instances: Instances);
        host.TreatAsSecret(Admin.AdminClient.Key);
        return host;
    }

    // Moves fake time one step and waits until every instance's refresher has passed at the new time.
    private static async Task AdvanceAsync(PatrolsTestHost host, TimeSpan step)
    {
        var refreshers = Enumerable.Range(0, host.Instances).Select(i => host.ServicesOf(i).GetRequiredService<PatrolsRefresher>()).ToArray();
        var passes = refreshers.Select(refresher => refresher.Passes).ToArray();
        host.Time.Advance(step);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        try
        {
            await Task.WhenAll(refreshers.Select((refresher, i) => refresher.WaitForPassAsync(passes[i], timeout.Token)));
        }
        catch (OperationCanceledException)
        {
            var stuck = string.Join(", ", refreshers.Select((refresher, i) => $"instance {i}: {passes[i]} → {refresher.Passes}"));
            Assert.Fail($"a refresher did not pass within 20 s at {host.Time.GetUtcNow():O} ({stuck}); last logs:\n{string.Join('\n', host.LogLines.TakeLast(15))}");
        }
    }

    private static async Task AdvanceUntilAsync(PatrolsTestHost host, DateTimeOffset until)
    {
        while (host.Time.GetUtcNow() + Step <= until)
        {
            await AdvanceAsync(host, Step);
        }
    }

    private static long Outcomes(PatrolsTestHost host, RefreshOutcome outcome) =>
        Enumerable.Range(0, host.Instances).Sum(i => host.ServicesOf(i).GetRequiredService<PatrolsRefresher>().Count(outcome));

    // A board of the field's kind: it polls at cache_expires_at + 7 s (scoreboard-clients.md).
    private sealed class PollingBoard(string token, int instance)
    {
        public string Token => token;

        public int Instance => instance;

        public DateTimeOffset NextPoll { get; private set; }

        public int Polls { get; private set; }

        public void Took(Patrols.DeviceAnswer answer)
        {
            Polls++;
            NextPoll = answer.ExpiresAt + TimeSpan.FromSeconds(7);
        }
    }
}

public sealed class EmbeddedRefreshAheadTests : RefreshAheadTests
{
    protected override StorageMode Mode => StorageMode.Embedded;
}

public sealed class TwoReplicaRefreshAheadTests : RefreshAheadTests
{
    protected override StorageMode Mode => StorageMode.Distributed;

    protected override int Instances => 2;
}
