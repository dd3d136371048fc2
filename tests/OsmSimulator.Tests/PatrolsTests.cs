using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace PatrolScores.OsmSimulator.Tests;

public sealed class PatrolsTests
{
    [Fact]
    public async Task Patrols_come_as_an_object_keyed_by_patrol_id_with_string_ids_and_points()
    {
        await using var host = await SimulatorHost.StartAsync();

        using var response = await host.GetPatrolsAsync(host.AccessToken());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var body = (await SimulatorHost.ReadJsonAsync(response)).AsObject();
        Assert.Equal(["-2", "-3", "72699", "72700", "72701", "175221", "unallocated"], body.Select(pair => pair.Key));

        var leaders = body["-2"]!;
        Assert.Equal("-2", (string?)leaders["sectionid"]);
        Assert.Empty(leaders["members"]!.AsArray());
        Assert.Single(body["-3"]!["members"]!.AsArray());

        var real = body.Where(pair => long.TryParse(pair.Key, out var id) && id > 0 && pair.Value!["members"]!.AsArray().Count > 0)
            .ToDictionary(pair => (string)pair.Value!["name"]!, pair => (string)pair.Value!["points"]!);
        Assert.Equal(new Dictionary<string, string> { ["Wolves"] = "47", ["Eagles"] = "32", ["Badgers"] = "-5" }, real);

        var wolves = body["72699"]!;
        Assert.Equal(JsonValueKind.String, wolves["patrolid"]!.GetValueKind());
        Assert.Equal(JsonValueKind.String, wolves["points"]!.GetValueKind());
        Assert.Equal("72699", (string?)wolves["patrolid"]);
        Assert.Equal("10001", (string?)wolves["sectionid"]);
        Assert.Equal("1", (string?)wolves["active"]);
        var member = wolves["members"]![0]!.AsObject();
        Assert.Equal(["firstname", "lastname", "scout_id", "patrolid", "patrolleader", "age", "active"], member.Select(pair => pair.Key));
        Assert.Equal(72699, (long)member["patrolid"]!);
        Assert.Equal("2", (string?)member["patrolleader"]);
        Assert.Equal(1, (int)member["active"]!);
        Assert.Equal(2, body["72700"]!["members"]!.AsArray().Count);

        var snr = body["175221"]!;
        Assert.Equal("Snr Patrol Leader", (string?)snr["name"]);
        Assert.Equal("0", (string?)snr["points"]);
        Assert.Empty(snr["members"]!.AsArray());

        var unallocated = body["unallocated"]!["members"]!.AsArray();
        Assert.Equal(0, (long)Assert.Single(unallocated)!["patrolid"]!);
    }

    [Fact]
    public async Task Unallocated_is_left_out_unless_asked_for()
    {
        await using var host = await SimulatorHost.StartAsync();

        using var response = await host.GetAsync("ext/members/patrols/?action=getPatrolsWithPeople&sectionid=10001&termid=50263", host.AccessToken());

        Assert.False((await SimulatorHost.ReadJsonAsync(response)).AsObject().ContainsKey("unallocated"));
    }

    [Fact]
    public async Task Other_seeded_sections_have_their_own_patrols()
    {
        await using var host = await SimulatorHost.StartAsync();

        using var cubs = await host.GetPatrolsAsync(host.AccessToken(), sectionId: 10002);
        using var sample = await host.GetPatrolsAsync(host.AccessToken(100002), sectionId: 20001);

        Assert.Equal(2, RealPatrols(await SimulatorHost.ReadJsonAsync(cubs)));
        Assert.Equal(1, RealPatrols(await SimulatorHost.ReadJsonAsync(sample)));
    }

    [Fact]
    public async Task A_section_that_is_not_the_users_is_403()
    {
        await using var host = await SimulatorHost.StartAsync();

        using var response = await host.GetPatrolsAsync(host.AccessToken(), sectionId: 20001);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.NotNull((string?)(await SimulatorHost.ReadJsonAsync(response))["error"]);
    }

    [Theory]
    [InlineData("action=getPatrolsWithPeople&sectionid=abc&termid=50263")]
    [InlineData("action=getPatrolsWithPeople&sectionid=-10001&termid=50263")]
    [InlineData("action=getPatrolsWithPeople&sectionid=10001&termid=0")]
    [InlineData("action=getPatrolsWithPeople&sectionid=10001")]
    [InlineData("action=dropTables&sectionid=10001&termid=50263")]
    [InlineData("sectionid=10001&termid=50263")]
    public async Task Bad_ids_or_action_are_400(string query)
    {
        await using var host = await SimulatorHost.StartAsync();

        using var response = await host.GetAsync($"ext/members/patrols/?{query}", host.AccessToken());

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.NotNull((string?)(await SimulatorHost.ReadJsonAsync(response))["error"]);
    }

    [Fact]
    public async Task Points_set_from_code_are_served()
    {
        await using var host = await SimulatorHost.StartAsync();
        host.State.SetPatrolPoints(10001, 72701, 12);

        using var response = await host.GetPatrolsAsync(host.AccessToken());

        Assert.Equal("12", (string?)(await SimulatorHost.ReadJsonAsync(response))["72701"]!["points"]);
        Assert.Throws<KeyNotFoundException>(() => host.State.SetPatrolPoints(10001, 1, 0));
    }

    [Fact]
    public async Task A_raw_override_is_served_verbatim_until_cleared()
    {
        await using var host = await SimulatorHost.StartAsync();
        var token = host.AccessToken();
        host.State.SetPatrolsJson(10001, """[{"not":"an object"}]""");

        using var overridden = await host.GetPatrolsAsync(token);
        host.State.ClearPatrolsOverride(10001);
        using var restored = await host.GetPatrolsAsync(token);

        Assert.Equal(HttpStatusCode.OK, overridden.StatusCode);
        Assert.Equal("""[{"not":"an object"}]""", await overridden.Content.ReadAsStringAsync());
        Assert.Equal("47", (string?)(await SimulatorHost.ReadJsonAsync(restored))["72699"]!["points"]);
    }

    [Fact]
    public async Task A_per_term_override_applies_to_that_term_only()
    {
        await using var host = await SimulatorHost.StartAsync();
        var token = host.AccessToken();
        host.State.SetPatrolsJson(10001, 50262, "{}");

        using var summer = await host.GetPatrolsAsync(token, termId: 50262);
        using var autumn = await host.GetPatrolsAsync(token, termId: 50263);

        Assert.Equal("{}", await summer.Content.ReadAsStringAsync());
        Assert.Equal(3, RealPatrols(await SimulatorHost.ReadJsonAsync(autumn)));
    }

    [Fact]
    public async Task Added_and_removed_sections_show_in_resource_and_patrols()
    {
        await using var host = await SimulatorHost.StartAsync();
        host.State.AddUser(100003, "Jo Tester");
        host.State.AddSection(100003, 30001, "Tester Explorers", "1st Test", "explorers");
        host.State.AddPatrol(30001, 93001, "Otters", 7, memberCount: 3);
        host.State.AddSection(100001, 30001, "Tester Explorers", "1st Test", "explorers");
        host.State.RemoveSection(100001, 10002);
        var token = host.AccessToken(100003);

        using var resource = await host.GetAsync("oauth/resource", token);
        using var patrols = await host.GetPatrolsAsync(token, sectionId: 30001);
        using var samResource = await host.GetAsync("oauth/resource", host.AccessToken());

        var data = (await SimulatorHost.ReadJsonAsync(resource))["data"]!;
        Assert.Equal("jo@example.org", (string?)data["email"]);
        var section = Assert.Single(data["sections"]!.AsArray())!;
        Assert.Equal("explorers", (string?)section["section_type"]);
        Assert.Equal("1st Test", (string?)section["group_name"]);
        Assert.Equal("7", (string?)(await SimulatorHost.ReadJsonAsync(patrols))["93001"]!["points"]);
        var samSections = (await SimulatorHost.ReadJsonAsync(samResource))["data"]!["sections"]!.AsArray();
        Assert.Equal([10001L, 30001L], samSections.Select(s => (long)s!["section_id"]!));
    }

    private static int RealPatrols(JsonNode body) =>
        body.AsObject().Count(pair => long.TryParse(pair.Key, out var id) && id > 0 && pair.Value!["members"]!.AsArray().Count > 0);
}
