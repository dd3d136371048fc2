using System.Globalization;
using System.Net;
using PatrolScores.Gateway.IntegrationTests.Infrastructure;
using PatrolScores.Gateway.Storage;
using static PatrolScores.Gateway.IntegrationTests.Patrols.DeviceCalls;

namespace PatrolScores.Gateway.IntegrationTests.Live;

/// <summary>
/// <c>/api/v1/patrols/stream</c>: the first event is the poll's answer, each new copy of the section is an
/// event with a growing <c>id</c> (on every replica), <c>Last-Event-ID</c> resumes with exactly the versions missed, a comment
/// every 20 s keeps it open, and a device may hold only <c>Live:MaxStreamsPerDevice</c> streams.
/// </summary>
public abstract class PatrolsStreamTests
{
    private static readonly TimeSpan Quiet = TimeSpan.FromMilliseconds(700);

    protected abstract StorageMode Mode { get; }

    protected virtual int Instances => 1;

    [SkippableFact]
    public async Task The_stream_starts_with_the_polls_answer_and_sends_each_new_copy_once()
    {
        await using var host = await PatrolsTestHost.StartAsync(Mode, instances: Instances);
        var hut = await host.AddDeviceAsync(100001, 10001);
        var door = await host.AddDeviceAsync(100001, 10001);
        using var polling = host.CreateClient(0);
        var polled = await GetAsync(polling, door);
        using var streaming = host.CreateClient(Instances - 1);
        await using var stream = await EventStream.OpenAsync(streaming, hut);
        Assert.Equal(HttpStatusCode.OK, stream.Response.StatusCode);
        Assert.StartsWith("text/event-stream", stream.Response.Content.Headers.ContentType?.ToString(), StringComparison.Ordinal);

        var first = await stream.NextAsync(TimeSpan.FromSeconds(5));
        Assert.Equal(Version(polled.CachedAt), first?.Id);
        Assert.Equal(polled.CachedAtText, first?.Data?.GetProperty("cached_at").GetString());

        host.Osm.SetPatrolPoints(10001, 72700, 99);
        host.Time.Advance(TimeSpan.FromMinutes(6));
        var fetched = await GetAsync(polling, door);
        var next = await NextEventAsync(stream);
        Assert.Equal(Version(fetched.CachedAt), next.Id);
        Assert.Contains(99, next.Data!.Value.GetProperty("patrols").EnumerateArray().Select(patrol => patrol.GetProperty("score").GetInt32()));

        // A resuming client that has the newest copy gets nothing again; one that is behind gets it.
        await using var current = await EventStream.OpenAsync(streaming, hut, lastEventId: next.Id);
        await using var behind = await EventStream.OpenAsync(host.CreateClient(Instances - 1), door, lastEventId: first!.Id);
        Assert.Null((await current.NextAsync(Quiet))?.Id);
        Assert.Equal(next.Id, (await NextEventAsync(behind)).Id);
    }

    /// <summary>
    /// Two copies fetched within one second are two versions: the stream that fetched the first one (its own
    /// first answer) still gets the second. Versions were whole seconds, so the second was taken for the one the
    /// client had (found by the terminal board's test, where pairing, expiring and polling are that quick).
    /// </summary>
    [SkippableFact]
    public async Task A_copy_fetched_in_the_same_second_as_the_streams_first_is_still_sent()
    {
        await using var host = await PatrolsTestHost.StartAsync(Mode, instances: Instances, settings: PatrolScores.Gateway.IntegrationTests.Admin.AdminClient.Settings());
        var hut = await host.AddDeviceAsync(100001, 10001);
        var door = await host.AddDeviceAsync(100001, 10001);
        using var streaming = host.CreateClient(Instances - 1);
        await using var stream = await EventStream.OpenAsync(streaming, hut);
        var first = await NextEventAsync(stream);

        host.Time.Advance(TimeSpan.FromMilliseconds(300));
        host.Osm.SetPatrolPoints(10001, 72700, 99);
        using var polling = host.CreateClient(0);
        Assert.Equal(HttpStatusCode.OK, (await PatrolScores.Gateway.IntegrationTests.Admin.AdminClient.AdminPostAsync(polling, "/admin/api/sections/10001/expire")).Status);
        var fetched = await GetAsync(polling, door);
        Assert.Equal("MISS", fetched.Cache);

        var next = await NextEventAsync(stream);
        Assert.NotEqual(first.Id, next.Id);
        Assert.Contains(99, Scores(next));
    }

    [SkippableFact]
    public async Task A_resumed_stream_gets_exactly_the_versions_it_missed_in_order()
    {
        await using var host = await PatrolsTestHost.StartAsync(Mode, instances: Instances);
        var hut = await host.AddDeviceAsync(100001, 10001);
        var door = await host.AddDeviceAsync(100001, 10001);
        using var polling = host.CreateClient(0);
        using var streaming = host.CreateClient(Instances - 1);
        await GetAsync(polling, door);
        string seen;
        await using (var stream = await EventStream.OpenAsync(streaming, hut))
        {
            seen = (await NextEventAsync(stream)).Id!;
        }

        // While the board is away: two changes, then a fetch that changes nothing (a copy, not a version).
        var versions = new List<string>();
        foreach (var points in new[] { 99, 98 })
        {
            host.Osm.SetPatrolPoints(10001, 72700, points);
            host.Time.Advance(TimeSpan.FromMinutes(6));
            versions.Add(Version((await GetAsync(polling, door)).CachedAt));
        }

        host.Time.Advance(TimeSpan.FromMinutes(6));
        var unchanged = await GetAsync(polling, door);
        Assert.Equal("MISS", unchanged.Cache);

        await using var resumed = await EventStream.OpenAsync(streaming, hut, lastEventId: seen);
        var first = await NextEventAsync(resumed);
        var second = await NextEventAsync(resumed);
        Assert.Equal(versions, [first.Id!, second.Id!]);
        Assert.Contains(99, Scores(first));
        Assert.Contains(98, Scores(second));
        Assert.Null((await resumed.NextAsync(Quiet))?.Id);

        // Up to date: nothing. So far behind that versions may be gone: the newest copy.
        await using var current = await EventStream.OpenAsync(streaming, hut, lastEventId: versions[^1]);
        Assert.Null((await current.NextAsync(Quiet))?.Id);
        await using var ancient = await EventStream.OpenAsync(host.CreateClient(Instances - 1), door, lastEventId: "1");
        Assert.Equal(Version(unchanged.CachedAt), (await NextEventAsync(ancient)).Id);
    }

    [SkippableFact]
    public async Task A_quiet_stream_gets_a_heartbeat_and_a_device_holds_at_most_two()
    {
        await using var host = await PatrolsTestHost.StartAsync(Mode);
        var hut = await host.AddDeviceAsync(100001, 10001);
        using var client = host.CreateClient();
        await using var one = await EventStream.OpenAsync(client, hut);
        await using var two = await EventStream.OpenAsync(host.CreateClient(), hut);
        await using var three = await EventStream.OpenAsync(host.CreateClient(), hut);
        Assert.NotNull((await one.NextAsync(TimeSpan.FromSeconds(5)))?.Id);

        Assert.Equal(HttpStatusCode.TooManyRequests, three.Response.StatusCode);
        Assert.Contains("too_many_streams", await three.Response.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // The stream starts its 20 s wait on the fake clock just after it flushes the first event: advancing before that
        // would be lost, so the clock moves 21 s at a time until the heartbeat comes (the first move, unless it raced).
        StreamEvent? beat = null;
        for (var attempt = 0; attempt < 5 && beat is null; attempt++)
        {
            host.Time.Advance(TimeSpan.FromSeconds(21));
            beat = await one.NextAsync(TimeSpan.FromSeconds(2));
        }

        Assert.Equal(": heartbeat", beat?.Comment);
    }

    private static IEnumerable<int> Scores(StreamEvent item) =>
        item.Data!.Value.GetProperty("patrols").EnumerateArray().Select(patrol => patrol.GetProperty("score").GetInt32());

    private static string Version(DateTimeOffset cachedAt) => cachedAt.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);

    // The next event with data, past any heartbeat comments.
    private static async Task<StreamEvent> NextEventAsync(EventStream stream)
    {
        while (await stream.NextAsync(TimeSpan.FromSeconds(5)) is { } item)
        {
            if (item.Data is not null)
            {
                return item;
            }
        }

        Assert.Fail("no event came");
        return null!;
    }
}

public sealed class EmbeddedPatrolsStreamTests : PatrolsStreamTests
{
    protected override StorageMode Mode => StorageMode.Embedded;
}

public sealed class TwoReplicaPatrolsStreamTests : PatrolsStreamTests
{
    protected override StorageMode Mode => StorageMode.Distributed;

    protected override int Instances => 2;
}
