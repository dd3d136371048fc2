using System.Diagnostics;
using System.Net.Http.Headers;
using Microsoft.Extensions.DependencyInjection;
using PatrolScores.Gateway.IntegrationTests.Infrastructure;
using PatrolScores.Gateway.Storage;
using PatrolScores.Gateway.Storage.Records;
using PatrolScores.OsmSimulator;
using static PatrolScores.Gateway.IntegrationTests.Patrols.DeviceCalls;

namespace PatrolScores.Gateway.IntegrationTests.Patrols;

/// <summary>
/// Upstream work shared between requests (the term lookup, the OSM token refresh, the patrols fetch)
/// belongs to no request: a scoreboard that gives up (a client timeout, lost Wi-Fi) stops only its own
/// wait. Another board asking for the same section gets the scores from one upstream call, and a fetch
/// that every waiter has left still completes and is cached. OSM answers after 3 s (on the fake clock,
/// which the test moves); board A gives up after 0.5 s; board B asks 0.2 s after A.
/// </summary>
public abstract class AbandonedRequestTests
{
    private static readonly TimeSpan OsmLatency = TimeSpan.FromSeconds(3);

    protected abstract StorageMode Mode { get; }

    /// <summary>How many gateway instances; A asks the first, B the last.</summary>
    protected virtual int Instances => 1;

    [SkippableFact]
    public async Task A_board_that_gives_up_during_the_term_lookup_does_not_fail_another_board()
    {
        await using var boards = await Boards.StartAsync(Mode, Instances, warm: false);
        var host = boards.Host;
        host.Osm.Faults.Latency = OsmLatency;

        var answer = await AbandonThenAskAsync(boards);

        Assert.Equal([-5, 32, 47], answer.Scores);
        Assert.Equal(1, host.Osm.Calls(SimulatorEndpoints.Resource));
        Assert.Equal(1, host.Osm.Calls(SimulatorEndpoints.Patrols));
    }

    [SkippableFact]
    public async Task A_board_that_gives_up_during_the_patrols_fetch_does_not_fail_another_board()
    {
        await using var boards = await Boards.StartAsync(Mode, Instances, warm: true);
        var host = boards.Host;
        host.Time.Advance(TimeSpan.FromMinutes(5));
        host.Osm.SetPatrolPoints(10001, 72700, 40);
        host.Osm.Faults.Latency = OsmLatency;

        var answer = await AbandonThenAskAsync(boards);

        Assert.Equal([-5, 40, 47], answer.Scores);
        Assert.Equal(1, host.Osm.Calls(SimulatorEndpoints.Resource));
        Assert.Equal(2, host.Osm.Calls(SimulatorEndpoints.Patrols));
    }

    [SkippableFact]
    public async Task A_board_that_gives_up_during_the_token_refresh_neither_fails_another_board_nor_loses_the_rotated_grant()
    {
        await using var boards = await Boards.StartAsync(Mode, Instances, warm: true);
        var host = boards.Host;
        host.Time.Advance(TimeSpan.FromMinutes(55) + TimeSpan.FromSeconds(1));
        host.Osm.SetPatrolPoints(10001, 72700, 41);
        host.Osm.Faults.Latency = OsmLatency;

        var answer = await AbandonThenAskAsync(boards);

        Assert.Equal([-5, 41, 47], answer.Scores);
        Assert.Equal(1, host.Osm.Calls(SimulatorEndpoints.Token));
        Assert.Equal(2, host.Osm.Calls(SimulatorEndpoints.Patrols));
        var user = await host.Services.GetRequiredService<IOsmUserStore>().GetAsync(100001, default);
        Assert.Null(user!.ReauthorizationRequiredAt);
        Assert.True(user.AccessTokenExpiresAt > host.Time.GetUtcNow().AddMinutes(50));

        // The rotated grant was stored: an hour on, the next refresh works too.
        host.Osm.Faults.Latency = TimeSpan.Zero;
        host.Time.Advance(TimeSpan.FromMinutes(56));
        Assert.Equal("MISS", (await GetAsync(boards.ClientB, boards.B)).Cache);
        Assert.Equal(2, host.Osm.Calls(SimulatorEndpoints.Token));
    }

    [SkippableFact]
    public async Task A_fetch_every_waiter_left_still_completes_and_the_next_poll_is_a_hit()
    {
        await using var boards = await Boards.StartAsync(Mode, Instances, warm: true);
        var host = boards.Host;
        host.Time.Advance(TimeSpan.FromMinutes(5));
        host.Osm.SetPatrolPoints(10001, 72700, 40);
        host.Osm.Faults.Latency = OsmLatency;

        await AbandonAsync(boards.Host, boards.ClientA, boards.A);
        await DriveClockUntilAsync(host, () => host.Osm.Calls(SimulatorEndpoints.Patrols) == 2);
        host.Time.Advance(OsmLatency);
        host.Osm.Faults.Latency = TimeSpan.Zero;
        var answer = await EventuallyHitAsync(boards.ClientB, boards.A);

        Assert.Equal([-5, 40, 47], answer.Scores);
        Assert.Equal(1, host.Osm.Calls(SimulatorEndpoints.Resource));
        Assert.Equal(2, host.Osm.Calls(SimulatorEndpoints.Patrols));
    }

    /// <summary>A asks and gives up after 0.5 s; B asks 0.2 s after A; the clock moves until B has its answer.</summary>
    private static async Task<DeviceAnswer> AbandonThenAskAsync(Boards boards)
    {
        var abandoned = AbandonAsync(boards.Host, boards.ClientA, boards.A);
        await Task.Delay(TimeSpan.FromMilliseconds(200));
        var asked = GetAsync(boards.ClientB, boards.B);
        await abandoned;
        await DriveClockUntilAsync(boards.Host, () => asked.IsCompleted);
        return await asked;
    }

    // A gives up after 0.5 s, and not before its upstream call has reached OSM (on a loaded machine the
    // request may take longer to get there): the point is to leave while shared work is under way.
    private static async Task AbandonAsync(PatrolsTestHost host, HttpClient client, string token)
    {
        var callsBefore = host.Osm.TotalCalls;
        using var giveUp = new CancellationTokenSource();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/patrols");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var sent = client.SendAsync(request, giveUp.Token);
        await Task.Delay(TimeSpan.FromMilliseconds(500));
        var waited = Stopwatch.StartNew();
        while (host.Osm.TotalCalls == callsBefore && waited.Elapsed < TimeSpan.FromSeconds(10))
        {
            await Task.Delay(TimeSpan.FromMilliseconds(20));
        }

        Assert.True(host.Osm.TotalCalls > callsBefore, "board A's request never reached OSM");
        await giveUp.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => sent);
    }

    // OSM's latency runs on the fake clock: move it in small steps until the condition holds.
    private static async Task DriveClockUntilAsync(PatrolsTestHost host, Func<bool> done)
    {
        var waited = Stopwatch.StartNew();
        while (!done())
        {
            Assert.True(waited.Elapsed < TimeSpan.FromSeconds(30), "the gateway did not finish in time");
            host.Time.Advance(TimeSpan.FromMilliseconds(500));
            await Task.Delay(TimeSpan.FromMilliseconds(25));
        }
    }

    // The abandoned fetch stores its result moments after OSM answered; a poll before that joins it.
    private static async Task<DeviceAnswer> EventuallyHitAsync(HttpClient client, string token)
    {
        var waited = Stopwatch.StartNew();
        while (true)
        {
            var answer = await GetAsync(client, token);
            if (answer.Cache == "HIT" || waited.Elapsed > TimeSpan.FromSeconds(5))
            {
                Assert.Equal("HIT", answer.Cache);
                return answer;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(50));
        }
    }
}

/// <summary>Two boards of one section: A asks the first gateway instance, B the last.</summary>
internal sealed class Boards(PatrolsTestHost host, HttpClient clientA, string a, HttpClient clientB, string b) : IAsyncDisposable
{
    public PatrolsTestHost Host => host;

    public HttpClient ClientA => clientA;

    public string A => a;

    public HttpClient ClientB => clientB;

    public string B => b;

    /// <param name="warm">Whether each board polls once first (the term and a copy are then known).</param>
    public static async Task<Boards> StartAsync(StorageMode mode, int instances, bool warm)
    {
        var host = await PatrolsTestHost.StartAsync(mode, instances: instances);
        var boards = new Boards(host, host.CreateClient(0), await host.AddDeviceAsync(), host.CreateClient(instances - 1), await host.AddDeviceAsync());
        if (warm)
        {
            await GetAsync(boards.ClientA, boards.A);
            await GetAsync(boards.ClientB, boards.B);
        }

        return boards;
    }

    public async ValueTask DisposeAsync()
    {
        clientA.Dispose();
        clientB.Dispose();
        await host.DisposeAsync();
    }
}

public sealed class EmbeddedAbandonedRequestTests : AbandonedRequestTests
{
    protected override StorageMode Mode => StorageMode.Embedded;
}

public sealed class DistributedAbandonedRequestTests : AbandonedRequestTests
{
    protected override StorageMode Mode => StorageMode.Distributed;
}

/// <summary>Two replicas sharing Redis and PostgreSQL: A gives up on one, B asks the other.</summary>
public sealed class TwoReplicaAbandonedRequestTests : AbandonedRequestTests
{
    protected override StorageMode Mode => StorageMode.Distributed;

    protected override int Instances => 2;
}
