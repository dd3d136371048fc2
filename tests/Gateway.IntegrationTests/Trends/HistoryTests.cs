using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using PatrolScores.Gateway.Audit;
using PatrolScores.Gateway.IntegrationTests.Infrastructure;
using PatrolScores.Gateway.Storage;
using PatrolScores.Gateway.Storage.Records;
using PatrolScores.Gateway.Trends;
using static PatrolScores.Gateway.IntegrationTests.Patrols.DeviceCalls;

namespace PatrolScores.Gateway.IntegrationTests.Trends;

/// <summary>
/// Trends over the real simulator, in both storage modes: each new copy whose scores changed is kept as a snapshot (an
/// unchanged one is not), <c>GET /api/v1/history</c> answers a device for its own section and a signed-in leader for
/// theirs (another section: 403, audited), refuses what it cannot answer, and old snapshots are deleted.
/// </summary>
public abstract class HistoryTests
{
    private static readonly TimeSpan PastTtl = TimeSpan.FromMinutes(6);

    protected abstract StorageMode Mode { get; }

    [SkippableFact]
    public async Task A_copy_whose_scores_changed_is_kept_once_and_an_unchanged_one_is_not()
    {
        await using var host = await PatrolsTestHost.StartAsync(Mode);
        var token = await host.AddDeviceAsync();
        using var board = host.CreateClient();
        var first = await GetAsync(board, token);

        host.Time.Advance(PastTtl);
        Assert.Equal("MISS", (await GetAsync(board, token)).Cache);
        Assert.Equal([Describe(first.CachedAt, "72701 Badgers -5", "72700 Eagles 32", "72699 Wolves 47")], await SnapshotsAsync(host));

        host.Osm.SetPatrolPoints(10001, 72700, 40);
        host.Time.Advance(PastTtl);
        var changed = await GetAsync(board, token);

        Assert.Equal(
            [Describe(first.CachedAt, "72701 Badgers -5", "72700 Eagles 32", "72699 Wolves 47"), Describe(changed.CachedAt, "72701 Badgers -5", "72700 Eagles 40", "72699 Wolves 47")],
            await SnapshotsAsync(host));
    }

    [SkippableFact]
    public async Task A_snapshot_the_record_store_refuses_is_logged_and_the_changed_copy_is_served_all_the_same()
    {
        await using var host = await PatrolsTestHost.StartAsync(Mode);
        var token = await host.AddDeviceAsync();
        using var board = host.CreateClient();
        await GetAsync(board, token);
        await StoreFaults.ExecuteOnRecordsAsync(host, "ALTER TABLE score_snapshots RENAME TO score_snapshots_away");

        host.Osm.SetPatrolPoints(10001, 72700, 40);
        host.Time.Advance(PastTtl);
        var changed = await GetAsync(board, token);

        Assert.Equal("MISS", changed.Cache);
        Assert.Equal([-5, 40, 47], changed.Scores);
        Assert.Contains(host.LogLines, line => line.Contains("[7601]: Section 10001: a score snapshot could not be stored", StringComparison.Ordinal));
        await StoreFaults.ExecuteOnRecordsAsync(host, "ALTER TABLE score_snapshots_away RENAME TO score_snapshots");
        await host.AwaitStoresBackAsync();
        Assert.Single(await SnapshotsAsync(host));
    }

    [SkippableFact]
    public async Task A_device_reads_its_own_sections_history_and_no_other()
    {
        await using var host = await PatrolsTestHost.StartAsync(Mode);
        var token = await host.AddDeviceAsync();
        using var board = host.CreateClient();
        await GetAsync(board, token);
        host.Osm.SetPatrolPoints(10001, 72700, 40);
        host.Time.Advance(TimeSpan.FromDays(1));
        await GetAsync(board, token);

        using var history = await HistoryAsync(board, "window=7d&bucket=1d", token);
        Assert.Equal(HttpStatusCode.OK, history.StatusCode);
        Assert.Equal("no-store", history.Headers.CacheControl?.ToString());
        var body = await JsonAsync(history);
        Assert.Equal(10001, body.GetProperty("section_id").GetInt64());
        Assert.Equal("7d", body.GetProperty("window").GetString());
        Assert.Equal("1d", body.GetProperty("bucket").GetString());
        Assert.Equal("2026-11-18T00:00:00Z", body.GetProperty("from").GetString());
        Assert.Equal("2026-11-25T00:00:00Z", body.GetProperty("to").GetString());
        Assert.Equal(["Badgers", "Eagles", "Wolves"], body.GetProperty("patrols").EnumerateArray().Select(p => p.GetProperty("name").GetString()));
        var eagles = body.GetProperty("patrols")[1].GetProperty("points").EnumerateArray().ToList();
        Assert.Equal(7, eagles.Count);
        Assert.Equal("2026-11-24T00:00:00Z", eagles[^1].GetProperty("start").GetString());
        Assert.Equal([null, null, null, null, null, 32, 40], eagles.Select(p => p.GetProperty("score").ValueKind == JsonValueKind.Null ? (int?)null : p.GetProperty("score").GetInt32()));
        Assert.Equal(8, eagles[^1].GetProperty("change").GetInt32());
        var climb = body.GetProperty("biggest_climb");
        Assert.Equal(("72700", "Eagles", 8, 32, 40), (climb.GetProperty("patrol_id").GetString(), climb.GetProperty("name").GetString(), climb.GetProperty("change").GetInt32(), climb.GetProperty("from").GetInt32(), climb.GetProperty("to").GetInt32()));

        using var named = await HistoryAsync(board, "window=30d&bucket=6h&section_id=10001", token);
        Assert.Equal(HttpStatusCode.OK, named.StatusCode);
        Assert.Equal(120, (await JsonAsync(named)).GetProperty("patrols")[0].GetProperty("points").GetArrayLength());

        using var other = await HistoryAsync(board, "window=7d&bucket=1d&section_id=10002", token);
        await AssertErrorAsync(other, HttpStatusCode.Forbidden, "section_not_allowed");
        var refused = Assert.Single(await RefusalsAsync(host));
        Assert.StartsWith("device:", refused.Actor, StringComparison.Ordinal);
        Assert.Equal("section:10002", refused.Target);
    }

    [SkippableFact]
    public async Task A_leader_reads_their_own_sections_and_is_refused_another_with_an_audit_row()
    {
        await using var host = await PatrolsTestHost.StartAsync(Mode);
        var token = await host.AddDeviceAsync();
        using var board = host.CreateClient();
        await GetAsync(board, token);
        using var browser = host.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        await LeaderSignIn.SignInAsync(browser);

        using var own = await HistoryAsync(browser, "window=7d&bucket=6h&section_id=10001");
        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        var body = await JsonAsync(own);
        Assert.Equal(10001, body.GetProperty("section_id").GetInt64());
        Assert.Equal(47, body.GetProperty("patrols")[2].GetProperty("points")[27].GetProperty("score").GetInt32());
        Assert.Equal(JsonValueKind.Null, body.GetProperty("biggest_climb").ValueKind);

        // Their other section has no snapshots yet: no patrols, not an error.
        using var quiet = await HistoryAsync(browser, "window=7d&bucket=1d&section_id=10002");
        Assert.Equal(HttpStatusCode.OK, quiet.StatusCode);
        Assert.Equal(0, (await JsonAsync(quiet)).GetProperty("patrols").GetArrayLength());

        using var foreign = await HistoryAsync(browser, "window=7d&bucket=1d&section_id=20001");
        await AssertErrorAsync(foreign, HttpStatusCode.Forbidden, "section_not_allowed");
        var refused = Assert.Single(await RefusalsAsync(host));
        Assert.Equal(("leader:100001", "section:20001", AuditOutcomes.Denied), (refused.Actor, refused.Target, refused.Outcome));

        using var unnamed = await HistoryAsync(browser, "window=7d&bucket=1d");
        await AssertErrorAsync(unnamed, HttpStatusCode.BadRequest, "invalid_query");
    }

    [SkippableFact]
    public async Task Without_a_credential_or_with_a_query_it_cannot_answer_it_refuses()
    {
        await using var host = await PatrolsTestHost.StartAsync(Mode);
        var token = await host.AddDeviceAsync();
        using var client = host.CreateClient();

        using var anonymous = await HistoryAsync(client, "window=7d&bucket=1d");
        await AssertErrorAsync(anonymous, HttpStatusCode.Unauthorized, "unauthorized");
        Assert.Equal("Bearer", anonymous.Headers.WwwAuthenticate.ToString());
        using var revoked = await HistoryAsync(client, "window=7d&bucket=1d", "not-a-device-token");
        await AssertErrorAsync(revoked, HttpStatusCode.Unauthorized, "unauthorized");

        foreach (var query in new[] { "window=14d&bucket=1d", "window=7d&bucket=15m", "bucket=1d", "window=7d", "window=90d&bucket=1h", "window=7d&bucket=1d&section_id=x" })
        {
            using var refused = await HistoryAsync(client, query, token);
            await AssertErrorAsync(refused, HttpStatusCode.BadRequest, "invalid_query");
        }

        Assert.Empty(await RefusalsAsync(host));
    }

    [SkippableFact]
    public async Task Snapshots_past_the_retention_are_deleted_by_housekeeping()
    {
        await using var host = await PatrolsTestHost.StartAsync(Mode, settings: new Dictionary<string, string?> { ["History:SnapshotRetention"] = "100.00:00:00" });
        var token = await host.AddDeviceAsync();
        using var board = host.CreateClient();
        var current = await GetAsync(board, token);
        var store = host.Services.GetRequiredService<IScoreSnapshotStore>();
        var now = host.Time.GetUtcNow();
        await store.AppendAsync(new ScoreSnapshot(10001, 50100, now - TimeSpan.FromDays(101), [new("72700", "Eagles", 1)]), default);
        await store.AppendAsync(new ScoreSnapshot(10001, 50100, now - TimeSpan.FromDays(99), [new("72700", "Eagles", 2)]), default);

        // Advancing the clock may already have let the hourly timer run it; running it again is harmless.
        await host.Services.GetRequiredService<SnapshotHousekeeping>().RunOnceAsync(default);

        Assert.Equal(
            [Describe(now - TimeSpan.FromDays(99), "72700 Eagles 2"), Describe(current.CachedAt, "72701 Badgers -5", "72700 Eagles 32", "72699 Wolves 47")],
            await SnapshotsAsync(host));
    }

    private static async Task<HttpResponseMessage> HistoryAsync(HttpClient client, string query, string? token = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/history?{query}");
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return await client.SendAsync(request);
    }

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();

    private static async Task AssertErrorAsync(HttpResponseMessage response, HttpStatusCode status, string code)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"expected {(int)status} {code}, got {(int)response.StatusCode}: {text}");
        Assert.Equal(code, JsonDocument.Parse(text).RootElement.GetProperty("error").GetString());
    }

    private static async Task<List<AuditEntry>> RefusalsAsync(PatrolsTestHost host) =>
        [.. await host.Services.GetRequiredService<IAuditStore>().ListAsync(null, 50, AuditActions.SectionRefused, default)];

    private static async Task<List<string>> SnapshotsAsync(PatrolsTestHost host) =>
        [.. (await host.Services.GetRequiredService<IScoreSnapshotStore>().ListSinceAsync(10001, DateTimeOffset.UnixEpoch, default))
            .Select(snapshot => Describe(snapshot.TakenAt, [.. snapshot.Patrols.Select(p => $"{p.Id} {p.Name} {p.Score}")]))];

    private static string Describe(DateTimeOffset takenAt, params string[] patrols) => $"{takenAt:O}: {string.Join(", ", patrols)}";
}

public sealed class EmbeddedHistoryTests : HistoryTests
{
    protected override StorageMode Mode => StorageMode.Embedded;
}

public sealed class DistributedHistoryTests : HistoryTests
{
    protected override StorageMode Mode => StorageMode.Distributed;
}
