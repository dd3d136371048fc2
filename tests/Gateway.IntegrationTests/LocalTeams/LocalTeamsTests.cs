using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using PatrolScores.Gateway.IntegrationTests.Infrastructure;
using PatrolScores.Gateway.LocalTeams;
using PatrolScores.Gateway.Storage;
using PatrolScores.Gateway.Storage.Sql;

namespace PatrolScores.Gateway.IntegrationTests.LocalTeams;

/// <summary>
/// A leader's local teams through the JSON API, in each storage mode: teams, awards applied at once, a replayed key applying
/// nothing, undo once, reset, the records surviving a restart, another leader seeing none of it, and never a call to OSM.
/// </summary>
public abstract class LocalTeamsTests
{
    private const long SamUserId = 100001;
    private const long AlexUserId = 100002;

    protected abstract StorageMode Mode { get; }

    [SkippableFact]
    public async Task Three_teams_an_award_its_replay_an_undo_and_a_reset_are_stored_published_and_kept_across_a_restart_without_calling_osm()
    {
        await using var host = await PatrolsTestHost.StartAsync(Mode);
        var changes = new ConcurrentQueue<long>();
        host.Services.GetRequiredService<LocalTeamsFeed>().Listen(changes.Enqueue);
        using var leader = await LeaderClient.SignInAsync(host);
        var api = new LocalTeamsApi(leader);
        host.Osm.ResetCalls();

        var (emptyStatus, empty) = await api.GetAsync();
        Assert.Equal(HttpStatusCode.OK, emptyStatus);
        Assert.Equal(0, empty.GetProperty("teams").GetArrayLength());
        Assert.Equal("1970-01-01T00:00:00Z", empty.GetProperty("updated_at").GetString());

        var hawks = await api.CreateIdAsync("Hawks", "red");
        var owls = await api.CreateIdAsync("  Owls ", "Blue");
        var foxes = await api.CreateIdAsync("Foxes");
        Assert.Equal(["Hawks red 0", "Owls blue 0", "Foxes 0"], await api.TeamsAsync());
        Assert.Matches("^[0-9a-f]{10}$", hawks);

        var (status, award) = await api.AwardAsync("local-award-0001", "Tidy tents", (hawks, 5), (owls, -1), (foxes, 10));
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("award", award.GetProperty("kind").GetString());
        Assert.Equal("Tidy tents", award.GetProperty("reason").GetString());
        Assert.Equal(["Hawks +5 0→5", "Owls -1 0→-1", "Foxes +10 0→10"], Changes(award));

        // The same key and payload (in another order): the first answer, nothing applied again; another payload: 409.
        var (replayStatus, replay) = await api.AwardAsync("local-award-0001", "Tidy tents", (foxes, 10), (hawks, 5), (owls, -1));
        var (conflictStatus, conflict) = await api.AwardAsync("local-award-0001", "Tidy tents", (hawks, 6));
        Assert.Equal(HttpStatusCode.OK, replayStatus);
        Assert.Equal(award.GetProperty("id").GetString(), replay.GetProperty("id").GetString());
        Assert.Equal(HttpStatusCode.Conflict, conflictStatus);
        Assert.Equal("idempotency_key_reused", conflict.GetProperty("error").GetString());
        Assert.Equal(["Hawks red 5", "Owls blue -1", "Foxes 10"], await api.TeamsAsync());

        var (second, _) = await api.AwardAsync("local-award-0002", null, (hawks, 1));
        Assert.Equal(HttpStatusCode.OK, second);
        var (undoStatus, undo) = await api.UndoAsync(award.GetProperty("id").GetString()!);
        Assert.Equal(HttpStatusCode.OK, undoStatus);
        Assert.Equal("undo", undo.GetProperty("kind").GetString());
        Assert.Equal(award.GetProperty("id").GetString(), undo.GetProperty("undo_of").GetString());
        Assert.Equal(["Hawks -5 6→1", "Owls +1 -1→0", "Foxes -10 10→0"], Changes(undo));
        var (againStatus, again) = await api.UndoAsync(award.GetProperty("id").GetString()!);
        Assert.Equal(HttpStatusCode.Conflict, againStatus);
        Assert.Equal("already_undone", again.GetProperty("error").GetString());
        var (undoUndoStatus, undoUndo) = await api.UndoAsync(undo.GetProperty("id").GetString()!);
        Assert.Equal(HttpStatusCode.Conflict, undoUndoStatus);
        Assert.Equal("local_nothing_to_undo", undoUndo.GetProperty("error").GetString());
        Assert.Equal(["Hawks red 1", "Owls blue 0", "Foxes 0"], await api.TeamsAsync());

        var (resetStatus, reset) = await api.ResetAsync();
        Assert.Equal(HttpStatusCode.OK, resetStatus);
        Assert.Equal("reset", reset.GetProperty("kind").GetString());
        Assert.Equal(["Hawks -1 1→0"], Changes(reset));
        Assert.Equal(["Hawks red 0", "Owls blue 0", "Foxes 0"], await api.TeamsAsync());

        // Told once per stored change (3 teams, 2 awards, 1 undo, 1 reset): not for the replay, the conflict or the refusals.
        Assert.Equal(Enumerable.Repeat(SamUserId, 7), changes);
        Assert.Equal(0, host.Osm.TotalCalls);
        await using (var connection = await host.Services.GetRequiredService<IDbConnectionFactory>().OpenAsync(default))
        {
            Assert.Equal(
                ["local_team.created", "local_team.created", "local_team.created", "local_teams.reset"],
                await connection.QueryAsync<string>("SELECT action FROM audit_events WHERE actor = 'leader:100001' AND action LIKE 'local%' ORDER BY id"));
        }

        await host.RestartGatewayAsync();
        using var back = await LeaderClient.SignInAsync(host);
        var after = new LocalTeamsApi(back);
        host.Osm.ResetCalls();

        Assert.Equal(["Hawks red 0", "Owls blue 0", "Foxes 0"], await after.TeamsAsync());
        var (historyStatus, history) = await after.HistoryAsync();
        Assert.Equal(HttpStatusCode.OK, historyStatus);
        var entries = history.GetProperty("submissions").EnumerateArray().ToList();
        Assert.Equal(["reset", "undo", "award", "award"], entries.Select(e => e.GetProperty("kind").GetString()));
        Assert.Equal(undo.GetProperty("id").GetString(), entries[3].GetProperty("undone_by").GetString());
        Assert.Equal(["Hawks +5 0→5", "Owls -1 0→-1", "Foxes +10 0→10"], Changes(entries[3]));

        // The records still hold the key: a replay after the restart applies nothing.
        var (lateReplay, late) = await after.AwardAsync("local-award-0001", "Tidy tents", (hawks, 5), (owls, -1), (foxes, 10));
        Assert.Equal(HttpStatusCode.OK, lateReplay);
        Assert.Equal(award.GetProperty("id").GetString(), late.GetProperty("id").GetString());
        Assert.Equal(["Hawks red 0", "Owls blue 0", "Foxes 0"], await after.TeamsAsync());
        Assert.Equal(0, host.Osm.TotalCalls);
    }

    [SkippableFact]
    public async Task A_21st_team_is_refused_names_are_unique_ignoring_case_and_teams_can_be_renamed_recoloured_and_deleted()
    {
        await using var host = await PatrolsTestHost.StartAsync(Mode);
        using var leader = await LeaderClient.SignInAsync(host);
        var api = new LocalTeamsApi(leader);
        host.Osm.ResetCalls();

        var ids = await api.CreateTeamsAsync(20);

        var (fullStatus, full) = await api.CreateAsync("Team 21");
        Assert.Equal(HttpStatusCode.Conflict, fullStatus);
        Assert.Equal("too_many_teams", full.GetProperty("error").GetString());

        var (takenStatus, taken) = await api.PatchAsync(ids[0], """{"name":"TEAM 2"}""");
        Assert.Equal(HttpStatusCode.Conflict, takenStatus);
        Assert.Equal("team_name_taken", taken!.Value.GetProperty("error").GetString());

        var (renamed, team) = await api.PatchAsync(ids[0], """{"name":"Kestrels","colour":"orange"}""");
        Assert.Equal(HttpStatusCode.OK, renamed);
        Assert.Equal(("Kestrels", "orange"), (team!.Value.GetProperty("name").GetString(), team.Value.GetProperty("colour").GetString()));
        var (recoloured, _) = await api.PatchAsync(ids[0], """{"colour":""}""");
        Assert.Equal(HttpStatusCode.OK, recoloured);

        var (deleted, _) = await api.DeleteAsync(ids[1]);
        Assert.Equal(HttpStatusCode.NoContent, deleted);
        var (deletedAgain, gone) = await api.DeleteAsync(ids[1]);
        Assert.Equal(HttpStatusCode.NotFound, deletedAgain);
        Assert.Equal("team_not_found", gone!.Value.GetProperty("error").GetString());

        // Room for one again; the new team is shown last, and a name taken in another case is refused.
        var (dupStatus, dup) = await api.CreateAsync("kestrels");
        Assert.Equal(HttpStatusCode.Conflict, dupStatus);
        Assert.Equal("team_name_taken", dup.GetProperty("error").GetString());
        await api.CreateIdAsync("Team 2");
        var teams = await api.TeamsAsync();
        Assert.Equal(20, teams.Count);
        Assert.Equal("Kestrels 0", teams[0]);
        Assert.Equal("Team 2 0", teams[^1]);
        Assert.Equal(0, host.Osm.TotalCalls);
        await using var connection = await host.Services.GetRequiredService<IDbConnectionFactory>().OpenAsync(default);
        Assert.Equal(1, await connection.ExecuteScalarAsync<int>($"SELECT COUNT(*) FROM audit_events WHERE action = 'local_team.deleted' AND target = 'local_team:{ids[1]}'"));
    }

    [SkippableFact]
    public async Task Bad_inputs_get_stable_codes_and_change_nothing()
    {
        await using var host = await PatrolsTestHost.StartAsync(Mode);
        using var leader = await LeaderClient.SignInAsync(host);
        var api = new LocalTeamsApi(leader);
        var hawks = await api.CreateIdAsync("Hawks", "red");
        host.Osm.ResetCalls();
        var (_, before) = await api.GetAsync();

        var cases = new (string Path, string Json, string? Key, HttpStatusCode Status, string Code)[]
        {
            ("/teams", """{"name":""}""", null, HttpStatusCode.BadRequest, "invalid_team_name"),
            ("/teams", """{"name":"   "}""", null, HttpStatusCode.BadRequest, "invalid_team_name"),
            ("/teams", $$"""{"name":"{{new string('x', 51)}}"}""", null, HttpStatusCode.BadRequest, "invalid_team_name"),
            ("/teams", """{"name":"Ha\u0007wks"}""", null, HttpStatusCode.BadRequest, "invalid_team_name"),
            ("/teams", """{"name":"Owls","colour":"purple"}""", null, HttpStatusCode.BadRequest, "invalid_colour"),
            ("/teams", """{"name":7}""", null, HttpStatusCode.BadRequest, "invalid_local_teams_body"),
            ("/teams", """{"colour":"red"}""", null, HttpStatusCode.BadRequest, "invalid_local_teams_body"),
            ("/teams", """[1]""", null, HttpStatusCode.BadRequest, "invalid_local_teams_body"),
            ("/teams", """{"name":""", null, HttpStatusCode.BadRequest, "invalid_local_teams_body"),
            ("/teams", """{"name":"hawks"}""", null, HttpStatusCode.Conflict, "team_name_taken"),
            ("/awards", $$"""{"changes":[{"team_id":"{{hawks}}","delta":1001}]}""", "bad-award-0001", HttpStatusCode.BadRequest, "invalid_changes"),
            ("/awards", $$"""{"changes":[{"team_id":"{{hawks}}","delta":0}]}""", "bad-award-0002", HttpStatusCode.BadRequest, "invalid_changes"),
            ("/awards", """{"changes":[]}""", "bad-award-0003", HttpStatusCode.BadRequest, "invalid_changes"),
            ("/awards", $$"""{"changes":[{"team_id":"{{hawks}}","delta":1},{"team_id":"{{hawks}}","delta":2}]}""", "bad-award-0004", HttpStatusCode.BadRequest, "invalid_changes"),
            ("/awards", $$"""{"changes":[{"team_id":"{{hawks}}","delta":1}],"reason":"{{new string('r', 201)}}"}""", "bad-award-0005", HttpStatusCode.BadRequest, "invalid_reason"),
            ("/awards", $$"""{"changes":[{"team_id":"{{hawks}}","delta":1}]}""", "short", HttpStatusCode.BadRequest, "invalid_idempotency_key"),
            ("/awards", $$"""{"changes":[{"team_id":"{{hawks}}","delta":1}]}""", null, HttpStatusCode.BadRequest, "invalid_idempotency_key"),
            ("/awards", $$"""{"changes":[{"team_id":"{{hawks}}","delta":1},{"team_id":"0000000000","delta":1}]}""", "bad-award-0006", HttpStatusCode.BadRequest, "unknown_team"),
            ("/awards", $$"""{"changes":[{"team_id":"{{hawks}}","delta":"1"}]}""", "bad-award-0007", HttpStatusCode.BadRequest, "invalid_local_teams_body"),
            ("/awards", $$"""{"changes":[{"team_id":"{{hawks}}","delta":1.5}]}""", "bad-award-0008", HttpStatusCode.BadRequest, "invalid_local_teams_body"),
            ("/awards", $$"""{"changes":[{"team_id":"{{hawks}}","delta":99999999999}]}""", "bad-award-0009", HttpStatusCode.BadRequest, "invalid_local_teams_body"),
            ("/awards", """{"reason":"no changes"}""", "bad-award-0010", HttpStatusCode.BadRequest, "invalid_local_teams_body"),
            ("/awards/0123456789abcdef0123456789abcdef/undo", "{}", null, HttpStatusCode.NotFound, "local_submission_not_found"),
        };
        var answers = new List<string>();
        foreach (var (path, json, key, _, _) in cases)
        {
            var (status, body) = await leader.PostAsync(LocalTeamsApi.Base + path, json, key);
            answers.Add($"{path} {(int)status} {body.GetProperty("error").GetString()}");
        }

        var (patchStatus, patch) = await api.PatchAsync("0000000000", """{"name":"Nobody"}""");
        var (emptyPatchStatus, emptyPatch) = await api.PatchAsync(hawks, "{}");
        var (limitStatus, limit) = await leader.GetJsonAsync($"{LocalTeamsApi.Base}/history?limit=0");

        Assert.Equal(cases.Select(c => $"{c.Path} {(int)c.Status} {c.Code}"), answers);
        Assert.Equal((HttpStatusCode.NotFound, "team_not_found"), (patchStatus, patch!.Value.GetProperty("error").GetString()));
        Assert.Equal((HttpStatusCode.BadRequest, "invalid_local_teams_body"), (emptyPatchStatus, emptyPatch!.Value.GetProperty("error").GetString()));
        Assert.Equal((HttpStatusCode.BadRequest, "invalid_request"), (limitStatus, limit.GetProperty("error").GetString()));
        var (_, after) = await api.GetAsync();
        Assert.Equal(before.GetProperty("teams").GetRawText(), after.GetProperty("teams").GetRawText());
        var (_, history) = await api.HistoryAsync();
        Assert.Equal(0, history.GetProperty("submissions").GetArrayLength());
        Assert.Equal(0, host.Osm.TotalCalls);
    }

    [SkippableFact]
    public async Task Another_leader_sees_none_of_the_first_leaders_teams_and_cannot_touch_them()
    {
        await using var host = await PatrolsTestHost.StartAsync(Mode);
        using var sam = await LeaderClient.SignInAsync(host, SamUserId);
        var samApi = new LocalTeamsApi(sam);
        var hawks = await samApi.CreateIdAsync("Hawks", "red");
        var (_, award) = await samApi.AwardAsync("sam-award-0001", "Sam's", (hawks, 7));
        using var alex = await LeaderClient.SignInAsync(host, AlexUserId);
        var alexApi = new LocalTeamsApi(alex);

        var (status, board) = await alexApi.GetAsync();
        var (_, history) = await alexApi.HistoryAsync();
        var (patch, _) = await alexApi.PatchAsync(hawks, """{"name":"Mine now"}""");
        var (delete, _) = await alexApi.DeleteAsync(hawks);
        var (undo, _) = await alexApi.UndoAsync(award.GetProperty("id").GetString()!);
        var (awardStatus, refused) = await alexApi.AwardAsync("alex-award-0001", null, (hawks, 100));
        var (reset, _) = await alexApi.ResetAsync();
        var (sameName, _) = await alexApi.CreateAsync("Hawks");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(AlexUserId, board.GetProperty("owner_user_id").GetInt64());
        Assert.Equal(0, board.GetProperty("teams").GetArrayLength());
        Assert.DoesNotContain("Hawks", board.GetRawText(), StringComparison.Ordinal);
        Assert.Equal(0, history.GetProperty("submissions").GetArrayLength());
        Assert.Equal((HttpStatusCode.NotFound, HttpStatusCode.NotFound, HttpStatusCode.NotFound), (patch, delete, undo));
        Assert.Equal((HttpStatusCode.BadRequest, "unknown_team"), (awardStatus, refused.GetProperty("error").GetString()));
        Assert.Equal(HttpStatusCode.OK, reset);
        Assert.Equal(HttpStatusCode.Created, sameName);
        Assert.Equal(["Hawks red 7"], await samApi.TeamsAsync());
        Assert.Equal(["Hawks 0"], await alexApi.TeamsAsync());
    }

    [SkippableFact]
    public async Task Without_a_session_or_as_a_form_post_nothing_changes()
    {
        await using var host = await PatrolsTestHost.StartAsync(Mode);
        using var anonymous = host.CreateClient();
        using var leader = await LeaderClient.SignInAsync(host);
        var api = new LocalTeamsApi(leader);
        var hawks = await api.CreateIdAsync("Hawks");

        using var signedOut = await anonymous.GetAsync(LocalTeamsApi.Base);
        var (formCreate, created) = await leader.PostAsync($"{LocalTeamsApi.Base}/teams", "name=Owls", key: null, "application/x-www-form-urlencoded");
        var (formAward, _) = await leader.PostAsync($"{LocalTeamsApi.Base}/awards", $$"""{"changes":[{"team_id":"{{hawks}}","delta":5}]}""", "form-post-0001", "text/plain");
        var (formReset, _) = await leader.PostAsync($"{LocalTeamsApi.Base}/reset", "{}", key: null, "text/plain");

        Assert.Equal(HttpStatusCode.Unauthorized, signedOut.StatusCode);
        Assert.Equal("sign_in_required", JsonDocument.Parse(await signedOut.Content.ReadAsStringAsync()).RootElement.GetProperty("error").GetString());
        Assert.Equal((HttpStatusCode.UnsupportedMediaType, "json_required"), (formCreate, created.GetProperty("error").GetString()));
        Assert.Equal((HttpStatusCode.UnsupportedMediaType, HttpStatusCode.UnsupportedMediaType), (formAward, formReset));
        Assert.Equal(["Hawks 0"], await api.TeamsAsync());
    }

    [SkippableFact]
    public async Task A_score_stays_within_a_million_either_way_and_an_award_beyond_changes_nothing()
    {
        await using var host = await PatrolsTestHost.StartAsync(Mode);
        using var leader = await LeaderClient.SignInAsync(host);
        var api = new LocalTeamsApi(leader);
        var hawks = await api.CreateIdAsync("Hawks");
        var owls = await api.CreateIdAsync("Owls");
        await using (var connection = await host.Services.GetRequiredService<IDbConnectionFactory>().OpenAsync(default))
        {
            await connection.ExecuteAsync("UPDATE local_teams SET score = 999998 WHERE id = @Id", new { Id = hawks });
        }

        var (beyond, refused) = await api.AwardAsync("edge-award-0001", null, (owls, 5), (hawks, 5));
        Assert.Equal((HttpStatusCode.Conflict, "score_out_of_range"), (beyond, refused.GetProperty("error").GetString()));
        Assert.Equal(["Hawks 999998", "Owls 0"], await api.TeamsAsync());

        var (edge, _) = await api.AwardAsync("edge-award-0002", null, (hawks, 2));
        Assert.Equal(HttpStatusCode.OK, edge);
        var (_, history) = await api.HistoryAsync();
        Assert.Equal(1, history.GetProperty("submissions").GetArrayLength());
        Assert.Equal(["Hawks 1000000", "Owls 0"], await api.TeamsAsync());
    }

    [SkippableFact]
    public async Task Changes_sent_at_once_keep_the_team_limit_and_apply_a_key_once()
    {
        await using var host = await PatrolsTestHost.StartAsync(Mode);
        using var leader = await LeaderClient.SignInAsync(host);
        var api = new LocalTeamsApi(leader);
        var first = (await api.CreateTeamsAsync(19))[0];

        var creates = await Task.WhenAll(Enumerable.Range(1, 6).Select(i => api.CreateAsync($"Late {i}")));
        var replays = await Task.WhenAll(Enumerable.Range(1, 6).Select(_ => api.AwardAsync("same-key-0001", null, (first, 5))));
        var distinct = await Task.WhenAll(Enumerable.Range(1, 10).Select(i => api.AwardAsync($"many-keys-{i:0000}", null, (first, 1))));

        Assert.Equal(1, creates.Count(c => c.Status == HttpStatusCode.Created));
        Assert.All(creates.Where(c => c.Status != HttpStatusCode.Created), c => Assert.Equal("too_many_teams", c.Body.GetProperty("error").GetString()));
        Assert.All(replays, r => Assert.Equal(HttpStatusCode.OK, r.Status));
        Assert.Single(replays.Select(r => r.Body.GetProperty("id").GetString()).Distinct());
        Assert.All(distinct, r => Assert.Equal(HttpStatusCode.OK, r.Status));
        var teams = await api.TeamsAsync();
        Assert.Equal(20, teams.Count);
        Assert.Equal("Team 1 15", teams[0]);
        var (_, history) = await api.HistoryAsync();
        Assert.Equal(11, history.GetProperty("submissions").GetArrayLength());
    }

    private static IEnumerable<string> Changes(JsonElement submission) =>
        submission.GetProperty("changes").EnumerateArray().Select(c =>
            $"{c.GetProperty("team_name").GetString()} {c.GetProperty("delta").GetInt32():+0;-0} {c.GetProperty("score_before").GetInt32()}→{c.GetProperty("score_after").GetInt32()}");
}

public sealed class EmbeddedLocalTeamsTests : LocalTeamsTests
{
    protected override StorageMode Mode => StorageMode.Embedded;
}

public sealed class DistributedLocalTeamsTests : LocalTeamsTests
{
    protected override StorageMode Mode => StorageMode.Distributed;
}

/// <summary>Two replicas on one PostgreSQL and Redis: a change made on one is told to the other's listeners, which read it.</summary>
public sealed class TwoReplicaLocalTeamsTests
{
    [SkippableFact]
    public async Task A_team_created_on_one_replica_is_told_to_the_other_replicas_listeners()
    {
        await using var host = await PatrolsTestHost.StartAsync(StorageMode.Distributed, instances: 2);
        var told = new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously);
        host.ServicesOf(1).GetRequiredService<LocalTeamsFeed>().Listen(owner => told.TrySetResult(owner));
        using var leader = await LeaderClient.SignInAsync(host, instance: 0);

        await new LocalTeamsApi(leader).CreateIdAsync("Hawks", "green");

        Assert.Equal(100001, await told.Task.WaitAsync(TimeSpan.FromSeconds(10)));
        var board = await host.ServicesOf(1).GetRequiredService<LocalScoreboards>().ReadAsync(100001, default);
        Assert.Equal([("Hawks", 0, "green")], board.Teams.Select(t => (t.Name, t.Score, t.Colour)));
        Assert.True(board.UpdatedAt > DateTimeOffset.UnixEpoch);
    }

    [SkippableFact]
    public async Task Creates_sent_at_once_to_both_replicas_keep_the_team_limit()
    {
        await using var host = await PatrolsTestHost.StartAsync(StorageMode.Distributed, instances: 2);
        using var one = await LeaderClient.SignInAsync(host, instance: 0);
        using var other = await LeaderClient.SignInAsync(host, instance: 1);
        await new LocalTeamsApi(one).CreateTeamsAsync(19);

        var creates = await Task.WhenAll(Enumerable.Range(1, 8).Select(i => new LocalTeamsApi(i % 2 == 0 ? one : other).CreateAsync($"Late {i}")));

        Assert.Equal(1, creates.Count(c => c.Status == HttpStatusCode.Created));
        Assert.Equal(7, creates.Count(c => c.Status == HttpStatusCode.Conflict && c.Body.GetProperty("error").GetString() == "too_many_teams"));
        Assert.Equal(20, (await new LocalTeamsApi(other).TeamsAsync()).Count);
    }
}
