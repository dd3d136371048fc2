using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using PatrolScores.Gateway.Audit;
using PatrolScores.Gateway.IntegrationTests.Infrastructure;
using PatrolScores.Gateway.Storage;
using PatrolScores.Gateway.Storage.Records;
using PatrolScores.OsmSimulator;
using static PatrolScores.Gateway.IntegrationTests.Admin.AdminClient;
using static PatrolScores.Gateway.IntegrationTests.Infrastructure.RateLimitFieldsReader;
using static PatrolScores.Gateway.IntegrationTests.Patrols.DeviceCalls;

namespace PatrolScores.Gateway.IntegrationTests.Admin;

/// <summary>
/// Every admin call over HTTP against the gateway and the OSM simulator: authentication (and its audit
/// rows), status, lifting blocks so calls resume at once, invalidating a section, devices, the trail.
/// </summary>
public abstract class AdminApiTests
{
    protected abstract StorageMode Mode { get; }

    // The operator key joins the secrets that the host's log scan looks for when it is disposed.
    private async Task<PatrolsTestHost> StartAsync(Dictionary<string, string?>? more = null)
    {
        var host = await PatrolsTestHost.StartAsync(Mode, settings: Settings(more));
        host.TreatAsSecret(Key);
        return host;
    }

    [SkippableFact]
    public async Task No_key_and_a_wrong_key_are_401_and_each_leaves_an_audit_row_without_the_key()
    {
        await using var host = await StartAsync();
        using var client = host.CreateClient();

        var none = await AdminGetAsync(client, "/admin/api/status", key: null);
        var wrong = await AdminGetAsync(client, "/admin/api/status", key: "not-the-key-" + Key);
        var wrongOnClear = await AdminPostAsync(client, "/admin/api/global-block/clear", new { reason = "test" }, key: Key.ToUpperInvariant());

        Assert.Equal(HttpStatusCode.Unauthorized, none.Status);
        Assert.Equal("unauthorized", none.Error);
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.Status);
        Assert.Equal(HttpStatusCode.Unauthorized, wrongOnClear.Status);
        var rows = await host.Services.GetRequiredService<IAuditStore>().ListAsync(null, 50, AuditActions.AuthenticationFailed, default);
        Assert.Equal(3, rows.Count);
        Assert.All(rows, row => Assert.Equal("anonymous", row.Actor));
        Assert.All(rows, row => Assert.Equal(AuditOutcomes.Denied, row.Outcome));
        Assert.Equal("POST /admin/api/global-block/clear", rows[0].Target);
        Assert.Equal("admin API: unknown key", rows[0].Detail);
        Assert.Equal("admin API: no X-Api-Key header", rows[2].Detail);
        Assert.DoesNotContain(rows, row => $"{row.Detail}{row.Target}".Contains(Key, StringComparison.OrdinalIgnoreCase));
        Assert.Contains(host.LogLines, line => line.Contains("log_type=audit", StringComparison.Ordinal) && line.Contains("auth.failed", StringComparison.Ordinal));
        var auditJson = host.JsonLogLines
            .Select(line => JsonDocument.Parse(line).RootElement.Clone())
            .Where(json => json.TryGetProperty("State", out var state) && state.TryGetProperty("log_type", out var type) && type.GetString() == "audit")
            .Select(json => json.GetProperty("State"))
            .ToList();
        Assert.Equal(3, auditJson.Count(state => state.GetProperty("audit_action").GetString() == "auth.failed"));
        Assert.Contains(auditJson, state => state.GetProperty("audit_detail").GetString() == "admin API: unknown key");
        Assert.DoesNotContain(host.LogLines, line => line.Contains(Key, StringComparison.OrdinalIgnoreCase));
    }

    [SkippableFact]
    public async Task Every_admin_answer_reports_the_address_limit_and_the_refusal_waits_for_its_reset()
    {
        await using var host = await StartAsync(new Dictionary<string, string?> { ["Admin:RequestsPerMinute"] = "3" });
        using var client = host.CreateClient();

        var answers = new List<(HttpStatusCode Status, string Policy, (string Name, long Remaining, long Reset) Limit, long? RetryAfter)>();
        foreach (var key in new[] { Key, null, Key, Key })
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/admin/api/status");
            if (key is not null)
            {
                request.Headers.Add("X-Api-Key", key);
            }

            using var response = await client.SendAsync(request);
            answers.Add((response.StatusCode, Policy(response), Limit(response), response.StatusCode == HttpStatusCode.TooManyRequests ? RetryAfter(response) : null));
        }

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.Unauthorized, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], answers.Select(a => a.Status));
        Assert.All(answers, a => Assert.Equal("\"admin\";q=3;w=60", a.Policy));
        Assert.All(answers, a => Assert.Equal("admin", a.Limit.Name));
        Assert.Equal([2, 1, 0, 0], answers.Select(a => a.Limit.Remaining));
        Assert.All(answers, a => Assert.InRange(a.Limit.Reset, 1, 60));
        Assert.Equal(answers[^1].Limit.Reset, answers[^1].RetryAfter);
    }

    [SkippableFact]
    public async Task A_device_without_a_token_is_audited_in_a_line_that_reads_as_it_should()
    {
        await using var host = await StartAsync();
        using var client = host.CreateClient();

        using var response = await client.GetAsync(new Uri("/api/v1/patrols", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var audit = host.JsonLogLines
            .Select(line => JsonDocument.Parse(line).RootElement.Clone())
            .Single(json => json.TryGetProperty("State", out var state) && state.TryGetProperty("audit_action", out var action) && action.GetString() == "auth.failed");
        Assert.Equal("devices: no device token presented", audit.GetProperty("State").GetProperty("audit_detail").GetString());
        Assert.StartsWith("Audit auth.failed by anonymous on GET patrols from ", audit.GetProperty("Message").GetString(), StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task Device_authentication_failures_are_audited_and_a_flood_is_summarised_not_written_row_by_row()
    {
        await using var host = await StartAsync();
        using var client = host.CreateClient();

        for (var i = 0; i < 40; i++)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await GetErrorAsync(client, $"guessed-token-{i}")).Status);
        }

        // The per-address allowance refills at one row a second.
        await Task.Delay(TimeSpan.FromSeconds(1.5));
        await GetErrorAsync(client, "one-more-guess");

        var rows = await host.Services.GetRequiredService<IAuditStore>().ListAsync(null, 100, AuditActions.AuthenticationFailed, default);
        Assert.InRange(rows.Count, 30, 33);
        Assert.StartsWith("devices: token ", rows[^1].Detail, StringComparison.Ordinal);
        Assert.Equal("GET patrols", rows[^1].Target);
        Assert.Matches(@"\(\d+ more failures not recorded one by one\)$", rows[0].Detail);
        Assert.DoesNotContain(rows, row => row.Detail!.Contains("guess", StringComparison.Ordinal));
    }

    [SkippableFact]
    public async Task Status_shows_quota_cache_and_stores_and_the_call_is_audited_by_key_name()
    {
        await using var host = await StartAsync();
        var token = await host.AddDeviceAsync();
        using var client = host.CreateClient();
        await GetAsync(client, token);
        await GetAsync(client, token);

        var status = await AdminGetAsync(client, "/admin/api/status");

        Assert.Equal(HttpStatusCode.OK, status.Status);
        Assert.Equal(JsonValueKind.Null, status.Body.GetProperty("global_block").ValueKind);
        var quota = Assert.Single(status.Body.GetProperty("quotas").EnumerateArray());
        Assert.Equal(100001, quota.GetProperty("user_id").GetInt64());
        Assert.Equal(host.Osm.GetRemaining(100001), quota.GetProperty("remaining").GetInt32());
        Assert.Equal(1, status.Body.GetProperty("cache").GetProperty("misses").GetInt64());
        Assert.True(status.Body.GetProperty("cache").GetProperty("hits").GetInt64() >= 1);
        Assert.Equal("Healthy", status.Body.GetProperty("stores").GetProperty("status").GetString());
        Assert.Empty(status.Body.GetProperty("user_blocks").EnumerateArray());
        var row = Assert.Single(await host.Services.GetRequiredService<IAuditStore>().ListAsync(null, 10, AuditActions.AdminCall, default));
        Assert.Equal($"admin:{KeyName}", row.Actor);
        Assert.Equal("GET /admin/api/status", row.Target);
        Assert.Equal(AuditOutcomes.Success, row.Outcome);
    }

    [SkippableFact]
    public async Task Clearing_the_global_block_needs_a_reason_and_lets_upstream_calls_resume_at_once()
    {
        await using var host = await StartAsync();
        var token = await host.AddDeviceAsync();
        using var client = host.CreateClient();
        host.Osm.Faults.BlockedWithStatus = 403;
        var blocked = await GetErrorAsync(client, token);
        host.Osm.Faults.Clear();
        var callsWhileBlocked = host.Osm.TotalCalls;
        var stillBlocked = await GetErrorAsync(client, token);
        var statusWhileBlocked = await AdminGetAsync(client, "/admin/api/status");

        var noReason = await AdminPostAsync(client, "/admin/api/global-block/clear");
        var blankReason = await AdminPostAsync(client, "/admin/api/global-block/clear", new { reason = "  " });
        var badJson = await AdminSendAsync(client, HttpMethod.Post, "/admin/api/global-block/clear", rawBody: "{reason:");
        Assert.NotNull(await host.Services.GetRequiredService<IGlobalBlockStore>().GetAsync(default));
        var cleared = await AdminPostAsync(client, "/admin/api/global-block/clear", new { reason = "OSM support unblocked us, ticket 4711" });
        var resumed = await GetAsync(client, token);
        var again = await AdminPostAsync(client, "/admin/api/global-block/clear", new { reason = "twice" });

        Assert.Equal("service_blocked", blocked.Error);
        Assert.Equal("service_blocked", stillBlocked.Error);
        Assert.Equal(callsWhileBlocked, host.Osm.TotalCalls - 2);
        Assert.Contains("X-Blocked", statusWhileBlocked.Body.GetProperty("global_block").GetProperty("reason").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, noReason.Status);
        Assert.Equal("reason_required", noReason.Error);
        Assert.Equal("reason_required", blankReason.Error);
        Assert.Equal(HttpStatusCode.BadRequest, badJson.Status);
        Assert.Equal("invalid_request", badJson.Error);
        Assert.Equal(HttpStatusCode.OK, cleared.Status);
        Assert.True(cleared.Body.GetProperty("cleared").GetBoolean());
        Assert.False(again.Body.GetProperty("cleared").GetBoolean());
        Assert.Equal("MISS", resumed.Cache);
        Assert.Equal("NONE", resumed.State);
        Assert.Equal(1, host.Osm.Calls(SimulatorEndpoints.Patrols));
        var audit = host.Services.GetRequiredService<IAuditStore>();
        var set = Assert.Single(await audit.ListAsync(null, 10, AuditActions.GlobalBlockSet, default));
        Assert.Equal("osm", set.Actor);
        var lifted = await audit.ListAsync(null, 10, AuditActions.GlobalBlockCleared, default);
        Assert.Equal(2, lifted.Count);
        Assert.Equal($"admin:{KeyName}", lifted[1].Actor);
        Assert.Equal(AuditOutcomes.Success, lifted[1].Outcome);
        Assert.Contains("OSM support unblocked us, ticket 4711", lifted[1].Detail, StringComparison.Ordinal);
        Assert.Equal(AuditOutcomes.NoChange, lifted[0].Outcome);
    }

    [SkippableFact]
    public async Task Clearing_a_user_block_lets_that_users_calls_resume_at_once()
    {
        await using var host = await StartAsync();
        var token = await host.AddDeviceAsync();
        using var client = host.CreateClient();
        host.Osm.Faults.TooManyRequests = 600;
        var limited = await GetErrorAsync(client, token);
        host.Osm.Faults.Clear();
        var callsWhileBlocked = host.Osm.TotalCalls;
        var stillLimited = await GetErrorAsync(client, token);
        var status = await AdminGetAsync(client, "/admin/api/status");

        var badId = await AdminDeleteAsync(client, "/admin/api/user-blocks/abc");
        var cleared = await AdminDeleteAsync(client, "/admin/api/user-blocks/100001");
        var resumed = await GetAsync(client, token);

        Assert.Equal(HttpStatusCode.TooManyRequests, limited.Status);
        Assert.Equal(100001, Assert.Single(status.Body.GetProperty("user_blocks").EnumerateArray()).GetProperty("user_id").GetInt64());
        Assert.Equal(HttpStatusCode.BadRequest, badId.Status);
        Assert.Equal("invalid_request", badId.Error);
        Assert.True(cleared.Body.GetProperty("cleared").GetBoolean());
        Assert.Equal(HttpStatusCode.TooManyRequests, stillLimited.Status);
        Assert.Equal("MISS", resumed.Cache);
        Assert.True(host.Osm.TotalCalls > callsWhileBlocked);
        Assert.Equal(1, host.Osm.Calls(SimulatorEndpoints.Patrols));
        var row = Assert.Single(await host.Services.GetRequiredService<IAuditStore>().ListAsync(null, 10, AuditActions.UserBlockCleared, default));
        Assert.Equal("user:100001", row.Target);
    }

    [SkippableFact]
    public async Task Invalidating_a_section_refetches_its_term_and_scores_on_the_next_poll()
    {
        await using var host = await StartAsync();
        var token = await host.AddDeviceAsync();
        using var client = host.CreateClient();
        var first = await GetAsync(client, token);
        host.Osm.SetPatrolPoints(10001, 72700, 99);
        var cached = await GetAsync(client, token);

        var invalidated = await AdminPostAsync(client, "/admin/api/sections/10001/invalidate");
        var refreshed = await GetAsync(client, token);

        Assert.Equal("HIT", cached.Cache);
        Assert.Equal(first.Scores, cached.Scores);
        Assert.Equal(HttpStatusCode.OK, invalidated.Status);
        Assert.Equal(50263, invalidated.Body.GetProperty("invalidated_term_id").GetInt64());
        Assert.Equal("MISS", refreshed.Cache);
        Assert.Contains(99, refreshed.Scores);
        Assert.Equal(2, host.Osm.Calls(SimulatorEndpoints.Resource));
        Assert.Equal(2, host.Osm.Calls(SimulatorEndpoints.Patrols));
    }

    [SkippableFact]
    public async Task Devices_are_listed_in_pages_and_a_revoked_device_is_refused_on_its_next_request()
    {
        await using var host = await StartAsync();
        var first = await host.AddDeviceAsync();
        var second = await host.AddDeviceAsync(userId: 100002, sectionId: 20001);
        using var client = host.CreateClient();
        await GetAsync(client, first);

        var page1 = await AdminGetAsync(client, "/admin/api/devices?limit=1");
        var after = page1.Body.GetProperty("next_after").GetString();
        var page2 = await AdminGetAsync(client, $"/admin/api/devices?limit=1&after={after}");
        var byUser = await AdminGetAsync(client, "/admin/api/devices?user_id=100002");
        var badLimit = await AdminGetAsync(client, "/admin/api/devices?limit=0");
        var deviceId = Assert.Single(byUser.Body.GetProperty("devices").EnumerateArray()).GetProperty("id").GetString();
        var revoked = await AdminDeleteAsync(client, $"/admin/api/devices/{deviceId}");
        var unknown = await AdminDeleteAsync(client, "/admin/api/devices/no-such-device");
        var refused = await GetErrorAsync(client, second);

        Assert.Single(page1.Body.GetProperty("devices").EnumerateArray());
        Assert.Single(page2.Body.GetProperty("devices").EnumerateArray());
        Assert.Equal(JsonValueKind.Null, page2.Body.GetProperty("next_after").ValueKind);
        Assert.NotEqual(after, page2.Body.GetProperty("devices")[0].GetProperty("id").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, badLimit.Status);
        Assert.True(revoked.Body.GetProperty("revoked").GetBoolean());
        Assert.Equal(HttpStatusCode.NotFound, unknown.Status);
        Assert.Equal("not_found", unknown.Error);
        Assert.Equal(HttpStatusCode.Unauthorized, refused.Status);
        var row = Assert.Single(await host.Services.GetRequiredService<IAuditStore>().ListAsync(null, 10, AuditActions.DeviceRevoked, default));
        Assert.Equal($"admin:{KeyName}", row.Actor);
        Assert.DoesNotContain(first, page1.Text, StringComparison.Ordinal);
        Assert.DoesNotContain(second, byUser.Text, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task The_audit_trail_is_read_newest_first_in_pages_and_filtered_by_action()
    {
        await using var host = await StartAsync();
        using var client = host.CreateClient();
        await AdminGetAsync(client, "/admin/api/status", key: null);
        await AdminGetAsync(client, "/admin/api/status");
        await AdminGetAsync(client, "/admin/api/status");

        var page1 = await AdminGetAsync(client, "/admin/api/audit?limit=2");
        var before = page1.Body.GetProperty("next_before").GetInt64();
        var page2 = await AdminGetAsync(client, $"/admin/api/audit?limit=2&before={before}");
        var failures = await AdminGetAsync(client, "/admin/api/audit?action=auth.failed");
        var bad = await AdminGetAsync(client, "/admin/api/audit?before=x");

        var ids1 = page1.Body.GetProperty("events").EnumerateArray().Select(e => e.GetProperty("id").GetInt64()).ToList();
        var ids2 = page2.Body.GetProperty("events").EnumerateArray().Select(e => e.GetProperty("id").GetInt64()).ToList();
        Assert.Equal(2, ids1.Count);
        Assert.True(ids1[0] > ids1[1]);
        Assert.True(ids2.Count >= 1);
        Assert.True(ids2.Max() < ids1.Min());
        var failure = Assert.Single(failures.Body.GetProperty("events").EnumerateArray());
        Assert.Equal("anonymous", failure.GetProperty("actor").GetString());
        Assert.EndsWith("Z", failure.GetProperty("occurred_at").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, bad.Status);
    }

    [SkippableFact]
    public async Task A_caller_outside_the_allowed_networks_is_refused_before_its_key_is_checked()
    {
        await using var host = await StartAsync(new Dictionary<string, string?> { ["Admin:AllowedNetworks:0"] = "10.0.0.0/8" });
        using var client = host.CreateClient();

        var refused = await AdminGetAsync(client, "/admin/api/status");

        Assert.Equal(HttpStatusCode.Forbidden, refused.Status);
        Assert.Equal("network_not_allowed", refused.Error);
        var row = Assert.Single(await host.Services.GetRequiredService<IAuditStore>().ListAsync(null, 10, AuditActions.AdminCall, default));
        Assert.Equal(AuditOutcomes.Denied, row.Outcome);
    }

    [SkippableFact]
    public async Task Audit_events_older_than_the_retention_period_are_deleted_by_housekeeping()
    {
        await using var host = await StartAsync(new Dictionary<string, string?> { ["Audit:Retention"] = "30.00:00:00" });
        var trail = host.Services.GetRequiredService<AuditTrail>();
        await trail.RecordAsync(new AuditEvent("system", "test.old", AuditOutcomes.Success));
        host.Time.Advance(TimeSpan.FromDays(20));
        await trail.RecordAsync(new AuditEvent("system", "test.newer", AuditOutcomes.Success));
        host.Time.Advance(TimeSpan.FromDays(11));

        // Advancing the clock may already have let the hourly timer run it; running it again is harmless.
        await host.Services.GetRequiredService<AuditHousekeeping>().RunOnceAsync(default);

        var left = await host.Services.GetRequiredService<IAuditStore>().ListAsync(null, 50, null, default);
        Assert.DoesNotContain(left, e => e.Action == "test.old");
        Assert.Contains(left, e => e.Action == "test.newer");
    }
}

public sealed class EmbeddedAdminApiTests : AdminApiTests
{
    protected override StorageMode Mode => StorageMode.Embedded;
}

public sealed class DistributedAdminApiTests : AdminApiTests
{
    protected override StorageMode Mode => StorageMode.Distributed;
}
