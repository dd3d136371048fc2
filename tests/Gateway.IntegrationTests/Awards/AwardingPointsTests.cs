using System.Net;
using System.Text.Json;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using PatrolScores.Gateway.IntegrationTests.Infrastructure;
using PatrolScores.Gateway.Storage;
using PatrolScores.Gateway.Storage.Sql;
using PatrolScores.OsmSimulator;
using static PatrolScores.Gateway.IntegrationTests.Patrols.DeviceCalls;

namespace PatrolScores.Gateway.IntegrationTests.Awards;

/// <summary>
/// A leader awards points through the JSON API, over real HTTP to the OSM simulator: the gateway reads OSM's points, adds
/// the delta, writes the total and reads back; the section's boards see the new score; a replayed key applies nothing.
/// </summary>
public abstract class AwardingPointsTests
{
    private const long Section = 10001;
    private const long Wolves = 72699;
    private const long Eagles = 72700;
    private const long Badgers = 72701;

    protected abstract StorageMode Mode { get; }

    [SkippableFact]
    public async Task Five_points_to_a_patrol_land_in_osm_and_on_the_sections_board_at_its_next_poll()
    {
        await using var host = await PatrolsTestHost.StartAsync(Mode);
        var token = await host.AddDeviceAsync();
        using var device = host.CreateClient();
        Assert.Equal(47, (await GetAsync(device, token)).Scores[^1]);
        using var leader = await LeaderClient.SignInAsync(host);
        host.Osm.ResetCalls();

        var (status, body) = await leader.AwardAsync(Section, "award-wolves-1", "Tidy tents", (Wolves, 5));

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("applied", body.GetProperty("status").GetString());
        var award = body.GetProperty("awards")[0];
        Assert.Equal((47, 52), (award.GetProperty("points_before").GetInt32(), award.GetProperty("points_after").GetInt32()));
        Assert.Equal("Wolves", award.GetProperty("patrol_name").GetString());
        Assert.Equal("Sam Example", body.GetProperty("leader_name").GetString());
        Assert.Equal("Tidy tents", body.GetProperty("reason").GetString());
        Assert.Equal(52, host.Osm.GetPatrolPoints(Section, Wolves));
        Assert.Equal(1, host.Osm.Calls(SimulatorEndpoints.UpdatePatrolPoints));
        Assert.Equal(52, host.Osm.LastRequest(SimulatorEndpoints.UpdatePatrolPoints)!.Form["points"] is var sent ? int.Parse(sent, System.Globalization.CultureInfo.InvariantCulture) : 0);

        // The read-back is the section's new copy: the board's next poll sees 52 with no call of its own.
        var calls = host.Osm.TotalCalls;
        var answer = await GetAsync(device, token);
        Assert.Equal(52, answer.Scores[answer.Names.IndexOf("Wolves")]);
        Assert.Equal(calls, host.Osm.TotalCalls);
    }

    [SkippableFact]
    public async Task A_batch_of_three_applies_all_three_and_its_replayed_key_applies_none()
    {
        await using var host = await PatrolsTestHost.StartAsync(Mode);
        using var leader = await LeaderClient.SignInAsync(host);
        host.Osm.ResetCalls();

        var (status, first) = await leader.AwardAsync(Section, "batch-key-0001", null, (Wolves, 5), (Eagles, 3), (Badgers, -2));
        var (replayStatus, replay) = await leader.AwardAsync(Section, "batch-key-0001", null, (Badgers, -2), (Wolves, 5), (Eagles, 3));
        var (conflictStatus, conflict) = await leader.AwardAsync(Section, "batch-key-0001", null, (Wolves, 6));

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(["applied", "applied", "applied"], first.GetProperty("awards").EnumerateArray().Select(a => a.GetProperty("state").GetString()));
        Assert.Equal((52, 35, -7), (host.Osm.GetPatrolPoints(Section, Wolves), host.Osm.GetPatrolPoints(Section, Eagles), host.Osm.GetPatrolPoints(Section, Badgers)));
        Assert.Equal(3, host.Osm.Calls(SimulatorEndpoints.UpdatePatrolPoints));
        Assert.Equal(HttpStatusCode.OK, replayStatus);
        Assert.Equal(first.GetProperty("id").GetString(), replay.GetProperty("id").GetString());
        Assert.Equal(HttpStatusCode.Conflict, conflictStatus);
        Assert.Equal("idempotency_key_reused", conflict.GetProperty("error").GetString());
        Assert.Equal(3, host.Osm.Calls(SimulatorEndpoints.UpdatePatrolPoints));
        Assert.Equal(52, host.Osm.GetPatrolPoints(Section, Wolves));
    }

    [SkippableFact]
    public async Task Undo_restores_the_previous_total_once_and_the_history_shows_both()
    {
        await using var host = await PatrolsTestHost.StartAsync(Mode);
        using var leader = await LeaderClient.SignInAsync(host);
        var (_, award) = await leader.AwardAsync(Section, "undo-me-00001", "Wrong patrol", (Eagles, 10));
        Assert.Equal(42, host.Osm.GetPatrolPoints(Section, Eagles));
        var id = award.GetProperty("id").GetString()!;

        var (status, undo) = await leader.UndoAsync(id);
        var (againStatus, again) = await leader.UndoAsync(id);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(id, undo.GetProperty("undo_of").GetString());
        Assert.Equal(-10, undo.GetProperty("awards")[0].GetProperty("delta").GetInt32());
        Assert.Equal(32, host.Osm.GetPatrolPoints(Section, Eagles));
        Assert.Equal(undo.GetProperty("id").GetString(), again.GetProperty("id").GetString());
        Assert.Equal(HttpStatusCode.OK, againStatus);
        Assert.Equal(32, host.Osm.GetPatrolPoints(Section, Eagles));
        Assert.Equal(2, host.Osm.Calls(SimulatorEndpoints.UpdatePatrolPoints));

        var (_, history) = await leader.GetJsonAsync($"/api/v1/sections/{Section}/awards");
        var entries = history.GetProperty("submissions").EnumerateArray().ToList();
        Assert.Equal([undo.GetProperty("id").GetString(), id], entries.Select(e => e.GetProperty("id").GetString()));
        Assert.Equal(undo.GetProperty("id").GetString(), entries[1].GetProperty("undone_by").GetString());

        // An undo is not undone; the original cannot be undone twice.
        var (undoUndo, refusal) = await leader.UndoAsync(undo.GetProperty("id").GetString()!);
        Assert.Equal(HttpStatusCode.Conflict, undoUndo);
        Assert.Equal("nothing_to_undo", refusal.GetProperty("error").GetString());
    }

    [SkippableFact]
    public async Task A_section_outside_the_leaders_profile_is_403_audited_and_never_reaches_osm()
    {
        await using var host = await PatrolsTestHost.StartAsync(Mode);
        using var leader = await LeaderClient.SignInAsync(host);
        host.Osm.ResetCalls();

        var (status, body) = await leader.AwardAsync(20001, "foreign-00001", null, (82001, 5));

        Assert.Equal(HttpStatusCode.Forbidden, status);
        Assert.Equal("section_not_allowed", body.GetProperty("error").GetString());
        Assert.Equal(0, host.Osm.TotalCalls);
        Assert.Equal(5, host.Osm.GetPatrolPoints(20001, 82001));
        await using var connection = await host.Services.GetRequiredService<IDbConnectionFactory>().OpenAsync(default);
        Assert.Equal(1, await connection.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM audit_events WHERE action = 'section.refused' AND actor = 'leader:100001' AND target = 'section:20001'"));
    }

    [SkippableTheory]
    [InlineData("""{"awards":[{"patrol_id":72699,"delta":1001}]}""", "good-key-0001", HttpStatusCode.BadRequest, "invalid_awards")]
    [InlineData("""{"awards":[{"patrol_id":72699,"delta":0}]}""", "good-key-0001", HttpStatusCode.BadRequest, "invalid_awards")]
    [InlineData("""{"awards":[]}""", "good-key-0001", HttpStatusCode.BadRequest, "invalid_awards")]
    [InlineData("""{"awards":[{"patrol_id":72699,"delta":1},{"patrol_id":72699,"delta":2}]}""", "good-key-0001", HttpStatusCode.BadRequest, "invalid_awards")]
    [InlineData("""{"awards":[{"patrol_id":"72699","delta":1}]}""", "good-key-0001", HttpStatusCode.BadRequest, "invalid_awards")]
    [InlineData("""[1,2]""", "good-key-0001", HttpStatusCode.BadRequest, "invalid_awards")]
    [InlineData("""{"awards":""", "good-key-0001", HttpStatusCode.BadRequest, "invalid_awards")]
    [InlineData("""{"awards":[{"patrol_id":72699,"delta":1}],"reason":7}""", "good-key-0001", HttpStatusCode.BadRequest, "invalid_awards")]
    [InlineData("""{"awards":[{"patrol_id":72699,"delta":1}]}""", "short", HttpStatusCode.BadRequest, "invalid_idempotency_key")]
    [InlineData("""{"awards":[{"patrol_id":72699,"delta":1}]}""", null, HttpStatusCode.BadRequest, "invalid_idempotency_key")]
    [InlineData("""{"awards":[{"patrol_id":99999,"delta":1}]}""", "good-key-0001", HttpStatusCode.BadRequest, "unknown_patrol")]
    [InlineData("""{"awards":[{"patrol_id":-2,"delta":1}]}""", "good-key-0001", HttpStatusCode.BadRequest, "invalid_awards")]
    public async Task Bad_submissions_get_a_stable_4xx_and_change_nothing(string json, string? key, HttpStatusCode expected, string code)
    {
        await using var host = await PatrolsTestHost.StartAsync(Mode);
        using var leader = await LeaderClient.SignInAsync(host);

        var (status, body) = await leader.PostAsync($"/api/v1/sections/{Section}/awards", json, key);

        Assert.Equal(expected, status);
        Assert.Equal(code, body.GetProperty("error").GetString());
        Assert.Equal(0, host.Osm.Calls(SimulatorEndpoints.UpdatePatrolPoints));
    }

    [SkippableFact]
    public async Task Without_a_session_or_as_a_form_post_nothing_is_awarded()
    {
        await using var host = await PatrolsTestHost.StartAsync(Mode);
        using var anonymous = host.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/sections/{Section}/awards")
        {
            Content = new StringContent("""{"awards":[{"patrol_id":72699,"delta":5}]}""", System.Text.Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("Idempotency-Key", "anonymous-0001");
        using var signedOut = await anonymous.SendAsync(request);
        using var leader = await LeaderClient.SignInAsync(host);

        // A cross-site form can post text/plain or a form with the cookie only where SameSite allows; either way it is refused.
        var (formStatus, formBody) = await leader.PostAsync($"/api/v1/sections/{Section}/awards", """{"awards":[{"patrol_id":72699,"delta":5}]}""", "form-post-0001", "text/plain");

        Assert.Equal(HttpStatusCode.Unauthorized, signedOut.StatusCode);
        Assert.Equal("sign_in_required", JsonDocument.Parse(await signedOut.Content.ReadAsStringAsync()).RootElement.GetProperty("error").GetString());
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, formStatus);
        Assert.Equal("json_required", formBody.GetProperty("error").GetString());
        Assert.Equal(0, host.Osm.Calls(SimulatorEndpoints.UpdatePatrolPoints));
    }
}

public sealed class EmbeddedAwardingPointsTests : AwardingPointsTests
{
    protected override StorageMode Mode => StorageMode.Embedded;
}

public sealed class DistributedAwardingPointsTests : AwardingPointsTests
{
    protected override StorageMode Mode => StorageMode.Distributed;
}
