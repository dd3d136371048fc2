using System.Net;
using PatrolScores.Gateway.IntegrationTests.Infrastructure;
using PatrolScores.Gateway.Storage;
using PatrolScores.OsmSimulator;
using static PatrolScores.Gateway.IntegrationTests.Patrols.DeviceCalls;

namespace PatrolScores.Gateway.IntegrationTests.Patrols;

/// <summary>
/// Upstream answers that are not as expected (invalid patrols payloads, cut-short JSON, a 5xx) are
/// never cached or shown: the last good copy keeps being served, and with no copy the device gets
/// 502 <c>upstream_error</c>.
/// </summary>
public abstract class InvalidUpstreamDataTests
{
    // The member carries a seeded member's name, so the log scan also proves the payload is not logged.
    private const string Member = """{"firstname":"Bea","lastname":"Example","scout_id":1000002,"patrolid":72699,"patrolleader":"2","age":"13 / 6","active":1}""";

    public static TheoryData<string> BadAnswers =>
    [
        "array",
        "patrol_without_name",
        "points_with_fraction",
        "points_not_a_number",
        "malformed_json",
        "server_error",
    ];

    public static TheoryData<string> InvalidPayloads =>
    [
        "array",
        "patrol_without_name",
        "points_with_fraction",
        "points_not_a_number",
    ];

    protected abstract StorageMode Mode { get; }

    [SkippableTheory]
    [MemberData(nameof(BadAnswers))]
    public async Task A_bad_answer_after_expiry_keeps_the_old_scores_until_a_good_one_arrives(string bad)
    {
        await using var host = await PatrolsTestHost.StartAsync(Mode);
        var token = await host.AddDeviceAsync();
        using var client = host.CreateClient();
        await GetAsync(client, token);

        host.Osm.SetPatrolPoints(10001, 72700, 40);
        Break(host.Osm, bad);
        host.Time.Advance(TimeSpan.FromMinutes(5));
        var stale = await GetAsync(client, token);

        Assert.Equal(2, host.Osm.Calls(SimulatorEndpoints.Patrols));
        Assert.Equal(["Badgers", "Eagles", "Wolves"], stale.Names);
        Assert.Equal([-5, 32, 47], stale.Scores);
        Assert.True(stale.FromCache);
        Assert.Equal("2026-11-23T14:30:00Z", stale.CachedAtText);
        Assert.Equal("2026-11-23T14:36:00Z", stale.ExpiresAtText);

        host.Osm.ClearPatrolsOverride(10001);
        host.Osm.Faults.Clear();
        host.Time.Advance(TimeSpan.FromSeconds(30));
        var withinBackoff = await GetAsync(client, token);

        Assert.Equal([-5, 32, 47], withinBackoff.Scores);
        Assert.True(withinBackoff.FromCache);
        Assert.Equal(2, host.Osm.Calls(SimulatorEndpoints.Patrols));

        host.Time.Advance(TimeSpan.FromSeconds(31));
        var fresh = await GetAsync(client, token);

        Assert.Equal("MISS", fresh.Cache);
        Assert.False(fresh.FromCache);
        Assert.Equal([-5, 40, 47], fresh.Scores);
        Assert.Equal("2026-11-23T14:36:01Z", fresh.CachedAtText);
        Assert.Equal(3, host.Osm.Calls(SimulatorEndpoints.Patrols));
    }

    [SkippableTheory]
    [MemberData(nameof(InvalidPayloads))]
    public async Task An_invalid_payload_with_no_copy_is_a_502_and_is_not_cached(string bad)
    {
        await using var host = await PatrolsTestHost.StartAsync(Mode);
        var token = await host.AddDeviceAsync();
        using var client = host.CreateClient();
        Break(host.Osm, bad);

        var error = await GetErrorAsync(client, token);

        Assert.Equal(HttpStatusCode.BadGateway, error.Status);
        Assert.Equal("upstream_error", error.Error);
        Assert.DoesNotContain("Bea", error.Message, StringComparison.Ordinal);
        Assert.Equal(1, host.Osm.Calls(SimulatorEndpoints.Patrols));

        // Nothing of the invalid payload was kept: once OSM answers well, its scores are served.
        host.Osm.ClearPatrolsOverride(10001);
        host.Time.Advance(TimeSpan.FromMinutes(1));
        var served = await GetAsync(client, token);

        Assert.Equal("MISS", served.Cache);
        Assert.Equal([-5, 32, 47], served.Scores);
        Assert.Equal(2, host.Osm.Calls(SimulatorEndpoints.Patrols));
    }

    [SkippableTheory]
    [InlineData("malformed_json")]
    [InlineData("server_error")]
    public async Task A_broken_answer_with_no_copy_is_a_502(string bad)
    {
        await using var host = await PatrolsTestHost.StartAsync(Mode);
        var token = await host.AddDeviceAsync();
        using var client = host.CreateClient();
        Break(host.Osm, bad);

        var error = await GetErrorAsync(client, token);

        Assert.Equal(HttpStatusCode.BadGateway, error.Status);
        Assert.Equal("upstream_error", error.Error);
        Assert.DoesNotContain("Internal server error", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, host.Osm.Calls(SimulatorEndpoints.Patrols));
    }

    private static void Break(SimulatorState osm, string bad)
    {
        switch (bad)
        {
            case "malformed_json":
                osm.Faults.MalformedJson = true;
                return;
            case "server_error":
                osm.Faults.ServerError = 500;
                return;
        }

        osm.SetPatrolsJson(10001, bad switch
        {
            "array" => "[]",
            "patrol_without_name" => Patrols(""" "patrolid":"72699","sectionid":"10001","active":"1","points":"47" """),
            "points_with_fraction" => Patrols(""" "patrolid":"72699","sectionid":"10001","name":"Wolves","active":"1","points":"4.5" """),
            "points_not_a_number" => Patrols(""" "patrolid":"72699","sectionid":"10001","name":"Wolves","active":"1","points":"abc" """),
            _ => throw new ArgumentOutOfRangeException(nameof(bad), bad, "unknown bad answer"),
        });
    }

    /// <summary>OSM's shape (osm-api.md) with one real patrol, whose fields are given, beside the valid Eagles and Badgers.</summary>
    private static string Patrols(string wolvesFields) => $$"""
        {
          "-2":{"patrolid":"-2","sectionid":"-2","name":"Leaders","active":"1","points":"0","members":[]},
          "72699":{{{wolvesFields}},"members":[{{Member}}]},
          "72700":{"patrolid":"72700","sectionid":"10001","name":"Eagles","active":"1","points":"32","members":[{{Member}}]},
          "72701":{"patrolid":"72701","sectionid":"10001","name":"Badgers","active":"1","points":"-5","members":[{{Member}}]},
          "unallocated":{"members":[]}
        }
        """;
}

public sealed class EmbeddedInvalidUpstreamDataTests : InvalidUpstreamDataTests
{
    protected override StorageMode Mode => StorageMode.Embedded;
}

public sealed class DistributedInvalidUpstreamDataTests : InvalidUpstreamDataTests
{
    protected override StorageMode Mode => StorageMode.Distributed;
}
