using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using PatrolScores.Gateway.IntegrationTests.Infrastructure;
using PatrolScores.Gateway.Storage;
using PatrolScores.Gateway.Storage.Records;
using PatrolScores.Gateway.Storage.Sql;
using static PatrolScores.Gateway.IntegrationTests.Patrols.DeviceCalls;

namespace PatrolScores.Gateway.IntegrationTests.Devices.Pairing;

/// <summary>
/// RFC 8628 as a scoreboard sees it. Until the browser pages exist, the leader's approval (or Cancel)
/// is made through the store.
/// </summary>
public abstract partial class DeviceFlowTests
{
    private const string ClientId = "patrolscores-scoreboard";

    protected abstract StorageMode Mode { get; }

    [SkippableFact]
    public async Task Pending_then_slow_down_when_too_fast_then_a_token_once_then_invalid_grant()
    {
        await using var host = await PatrolsTestHost.StartAsync(Mode);
        await host.AddDeviceAsync(); // the leader's OSM sign-in: their tokens are stored
        using var client = host.CreateClient();

        var authorization = await AuthorizeAsync(client);
        var deviceCode = authorization.GetProperty("device_code").GetString()!;
        var userCode = authorization.GetProperty("user_code").GetString()!;
        Assert.Matches(UserCodePattern(), userCode);
        Assert.Equal(600, authorization.GetProperty("expires_in").GetInt32());
        Assert.Equal(5, authorization.GetProperty("interval").GetInt32());
        Assert.Equal("http://127.0.0.1:5080/device", authorization.GetProperty("verification_uri").GetString());
        Assert.Equal($"http://127.0.0.1:5080/device?user_code={userCode}", authorization.GetProperty("verification_uri_complete").GetString());
        Assert.Equal($"http://127.0.0.1:5080/d/{userCode.Replace("-", "", StringComparison.Ordinal)}", authorization.GetProperty("verification_uri_short").GetString());

        Assert.Equal("authorization_pending", await TokenErrorAsync(client, deviceCode));
        host.Time.Advance(TimeSpan.FromSeconds(4));
        Assert.Equal("authorization_pending", await TokenErrorAsync(client, deviceCode)); // a second's grace
        host.Time.Advance(TimeSpan.FromSeconds(2));
        Assert.Equal("slow_down", await TokenErrorAsync(client, deviceCode));
        host.Time.Advance(TimeSpan.FromSeconds(9));
        Assert.Equal("authorization_pending", await TokenErrorAsync(client, deviceCode)); // the interval grew to 10 s

        var codes = host.Services.GetRequiredService<IDeviceCodeStore>();
        Assert.True(await codes.ApproveAsync(userCode.Replace("-", "", StringComparison.Ordinal), 100001, 10001, default));
        host.Time.Advance(TimeSpan.FromSeconds(10));
        using var issued = await PostTokenAsync(client, deviceCode);
        var token = await issued.Content.ReadFromJsonAsync<JsonElement>();
        host.Time.Advance(TimeSpan.FromSeconds(10));
        var second = await TokenErrorAsync(client, deviceCode);

        Assert.Equal(HttpStatusCode.OK, issued.StatusCode);
        Assert.Equal("Bearer", token.GetProperty("token_type").GetString());
        Assert.Equal(JsonValueKind.Number, token.GetProperty("expires_in").ValueKind);
        Assert.Equal(30 * 24 * 3600, token.GetProperty("expires_in").GetInt64());
        Assert.Equal("invalid_grant", second);
        var scores = await GetAsync(client, token.GetProperty("access_token").GetString()!);
        Assert.Equal(["Badgers", "Eagles", "Wolves"], scores.Names);
    }

    /// <summary>
    /// The boards in the field pair exactly as ../shared/scoreboard-clients.md says, with their own client id: the
    /// shipped settings must let them, unmodified (they got 401 invalid_client while only patrolscores-scoreboard was listed).
    /// </summary>
    [SkippableFact]
    public async Task A_field_board_pairs_with_its_own_client_id_under_the_shipped_settings()
    {
        await using var host = await PatrolsTestHost.StartAsync(Mode);
        using var client = host.CreateClient();

        using var authorize = await client.PostAsync("/device/authorize", new StringContent(
            """{"client_id":"scoreboard-rpi","scope":"section:member:read"}""", System.Text.Encoding.UTF8, "application/json"));
        var codes = await authorize.Content.ReadFromJsonAsync<JsonElement>();
        using var poll = await client.PostAsJsonAsync("/device/token", new
        {
            grant_type = "urn:ietf:params:oauth:grant-type:device_code",
            client_id = "scoreboard-rpi",
            device_code = codes.GetProperty("device_code").GetString(),
        });

        Assert.Equal(HttpStatusCode.OK, authorize.StatusCode);
        await AssertErrorAsync(poll, HttpStatusCode.BadRequest, "authorization_pending");
    }

    [SkippableFact]
    public async Task A_code_expires_after_its_lifetime()
    {
        await using var host = await PatrolsTestHost.StartAsync(Mode);
        using var client = host.CreateClient();
        var deviceCode = (await AuthorizeAsync(client)).GetProperty("device_code").GetString()!;

        host.Time.Advance(TimeSpan.FromMinutes(10));

        Assert.Equal("expired_token", await TokenErrorAsync(client, deviceCode));
    }

    [SkippableFact]
    public async Task Cancel_gives_access_denied()
    {
        await using var host = await PatrolsTestHost.StartAsync(Mode);
        using var client = host.CreateClient();
        var authorization = await AuthorizeAsync(client);
        var userCode = authorization.GetProperty("user_code").GetString()!.Replace("-", "", StringComparison.Ordinal);

        Assert.True(await host.Services.GetRequiredService<IDeviceCodeStore>().DenyAsync(userCode, default));

        Assert.Equal("access_denied", await TokenErrorAsync(client, authorization.GetProperty("device_code").GetString()!));
    }

    [SkippableFact]
    public async Task Json_bodies_work_and_bad_requests_get_their_rfc_errors()
    {
        await using var host = await PatrolsTestHost.StartAsync(Mode);
        using var client = host.CreateClient();

        using var json = await client.PostAsJsonAsync("/device/authorize", new { client_id = ClientId });
        using var unknown = await client.PostAsync("/device/authorize", Form(("client_id", "someone-else")));
        using var missing = await client.PostAsync("/device/authorize", Form(("scope", "x")));
        using var grant = await client.PostAsync("/device/token", Form(("grant_type", "password"), ("client_id", ClientId)));
        using var noCode = await client.PostAsync("/device/token", Form(("grant_type", "urn:ietf:params:oauth:grant-type:device_code"), ("client_id", ClientId)));
        using var text = await client.PostAsync("/device/token", new StringContent("device_code=x"));

        Assert.Equal(HttpStatusCode.OK, json.StatusCode);
        await AssertErrorAsync(unknown, HttpStatusCode.Unauthorized, "invalid_client");
        await AssertErrorAsync(missing, HttpStatusCode.BadRequest, "invalid_request");
        await AssertErrorAsync(grant, HttpStatusCode.BadRequest, "unsupported_grant_type");
        await AssertErrorAsync(noCode, HttpStatusCode.BadRequest, "invalid_request");
        await AssertErrorAsync(text, HttpStatusCode.BadRequest, "invalid_request");
    }

    [SkippableFact]
    public async Task A_store_failure_while_the_device_is_issued_burns_no_code_and_the_retry_gets_its_token()
    {
        await using var host = await PatrolsTestHost.StartAsync(Mode);
        using var client = host.CreateClient();
        var deviceCode = await ApprovedPairingAsync(host, client);
        await ExecuteAsync(host, "ALTER TABLE devices RENAME TO devices_gone");

        using var failed = await PostTokenAsync(client, deviceCode);
        await ExecuteAsync(host, "ALTER TABLE devices_gone RENAME TO devices");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, failed.StatusCode);
        await AssertTheRetryIsIssuedOnceAsync(host, client, deviceCode);
    }

    [SkippableFact]
    public async Task Raw_rows_hold_no_device_token_device_code_or_osm_token()
    {
        await using var host = await PatrolsTestHost.StartAsync(Mode);
        await host.AddDeviceAsync();
        using var client = host.CreateClient();
        var authorization = await AuthorizeAsync(client);
        var deviceCode = authorization.GetProperty("device_code").GetString()!;
        var userCode = authorization.GetProperty("user_code").GetString()!.Replace("-", "", StringComparison.Ordinal);
        await host.Services.GetRequiredService<IDeviceCodeStore>().ApproveAsync(userCode, 100001, 10001, default);
        using var issued = await PostTokenAsync(client, deviceCode);
        var token = (await issued.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("access_token").GetString()!;

        var rows = await DumpAsync(host, "devices", "device_codes", "osm_users");
        var user = (await host.Services.GetRequiredService<IOsmUserStore>().GetAsync(100001, default))!;
        var protector = host.Services.GetRequiredService<PatrolScores.Gateway.Osm.Tokens.OsmTokenProtector>();
        var osmAccessToken = protector.TryUnprotect(user.ProtectedAccessToken);
        var osmRefreshToken = protector.TryUnprotect(user.ProtectedRefreshToken);

        Assert.Contains(PatrolScores.Gateway.Devices.DeviceTokenHash.Compute(token), rows, StringComparison.Ordinal);
        Assert.DoesNotContain(token, rows, StringComparison.Ordinal);
        Assert.DoesNotContain(deviceCode, rows, StringComparison.Ordinal);
        Assert.False(string.IsNullOrEmpty(osmAccessToken));
        Assert.DoesNotContain(osmAccessToken!, rows, StringComparison.Ordinal);
        Assert.DoesNotContain(osmRefreshToken!, rows, StringComparison.Ordinal);
    }

    /// <summary>A pairing the leader approved (section 10001 of user 100001); returns the device code.</summary>
    private protected static async Task<string> ApprovedPairingAsync(PatrolsTestHost host, HttpClient client)
    {
        var authorization = await AuthorizeAsync(client);
        var userCode = authorization.GetProperty("user_code").GetString()!.Replace("-", "", StringComparison.Ordinal);
        Assert.True(await host.Services.GetRequiredService<IDeviceCodeStore>().ApproveAsync(userCode, 100001, 10001, default));
        return authorization.GetProperty("device_code").GetString()!;
    }

    /// <summary>After a failed issue: the retry gets a working token, one device row exists, and the code is used up.</summary>
    private protected static async Task AssertTheRetryIsIssuedOnceAsync(PatrolsTestHost host, HttpClient client, string deviceCode)
    {
        using var retried = await PostTokenAsync(client, deviceCode);
        Assert.Equal(HttpStatusCode.OK, retried.StatusCode);
        var token = (await retried.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("access_token").GetString()!;
        Assert.NotNull(await host.Services.GetRequiredService<IDeviceStore>().FindByTokenHashAsync(PatrolScores.Gateway.Devices.DeviceTokenHash.Compute(token), default));
        Assert.Equal(1, await CountAsync(host, "SELECT COUNT(*) FROM devices"));
        using var again = await PostTokenAsync(client, deviceCode);
        await AssertErrorAsync(again, HttpStatusCode.BadRequest, "invalid_grant");
    }

    private static async Task ExecuteAsync(PatrolsTestHost host, string sql)
    {
        await using var connection = await host.Services.GetRequiredService<IDbConnectionFactory>().OpenAsync(default);
        await connection.ExecuteAsync(sql);
    }

    private static async Task<long> CountAsync(PatrolsTestHost host, string sql)
    {
        await using var connection = await host.Services.GetRequiredService<IDbConnectionFactory>().OpenAsync(default);
        return await connection.ExecuteScalarAsync<long>(sql);
    }

    private static async Task<string> DumpAsync(PatrolsTestHost host, params string[] tables)
    {
        await using var connection = await host.Services.GetRequiredService<IDbConnectionFactory>().OpenAsync(default);
        var text = new System.Text.StringBuilder();
        foreach (var table in tables)
        {
            foreach (IDictionary<string, object?> row in await connection.QueryAsync($"SELECT * FROM {table}"))
            {
                text.AppendJoin('|', row.Values).AppendLine();
            }
        }

        return text.ToString();
    }

    private static async Task<JsonElement> AuthorizeAsync(HttpClient client)
    {
        using var response = await client.PostAsync("/device/authorize", Form(("client_id", ClientId)));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    protected static Task<HttpResponseMessage> PostTokenAsync(HttpClient client, string deviceCode) =>
        client.PostAsync("/device/token", Form(("grant_type", "urn:ietf:params:oauth:grant-type:device_code"), ("device_code", deviceCode), ("client_id", ClientId)));

    private static async Task<string> TokenErrorAsync(HttpClient client, string deviceCode)
    {
        using var response = await PostTokenAsync(client, deviceCode);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(body.TryGetProperty("error_description", out _));
        return body.GetProperty("error").GetString()!;
    }

    private static async Task AssertErrorAsync(HttpResponseMessage response, HttpStatusCode status, string error)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal(error, (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetString());
    }

    private static FormUrlEncodedContent Form(params (string Key, string Value)[] fields) =>
        new(fields.Select(f => new KeyValuePair<string, string>(f.Key, f.Value)));

    [GeneratedRegex("^[BCDFGHJKLMNPQRSTVWXZ]{4}-[BCDFGHJKLMNPQRSTVWXZ]{4}$")]
    private static partial Regex UserCodePattern();
}

public sealed class EmbeddedDeviceFlowTests : DeviceFlowTests
{
    protected override StorageMode Mode => StorageMode.Embedded;
}

public sealed class DistributedDeviceFlowTests : DeviceFlowTests
{
    protected override StorageMode Mode => StorageMode.Distributed;

    /// <summary>
    /// The issue's other example of a store failure between consuming the code and inserting the device:
    /// another session holds a lock on <c>devices</c> while the approved device polls. The gateway's
    /// commands give up after 2 s (<c>Command Timeout</c>), so the poll is a prompt 503
    /// <c>store_unavailable</c> with <c>Retry-After</c>, and once the lock is gone the retry gets its token:
    /// one device row, and the code is used up.
    /// </summary>
    [SkippableFact]
    public async Task A_lock_held_on_devices_while_the_device_is_issued_is_a_prompt_503_and_the_retry_gets_its_token()
    {
        await using var host = await PatrolsTestHost.StartAsync(Mode, postgres: connection => connection.CommandTimeout = 2);
        using var client = host.CreateClient();
        var deviceCode = await ApprovedPairingAsync(host, client);

        HttpResponseMessage failed;
        var elapsed = System.Diagnostics.Stopwatch.StartNew();
        await using (var locker = new NpgsqlConnection(host.PostgresConnectionString))
        {
            await locker.OpenAsync();
            await using var transaction = await locker.BeginTransactionAsync();
            await locker.ExecuteAsync("LOCK TABLE devices IN ACCESS EXCLUSIVE MODE", transaction: transaction);
            elapsed.Restart();
            failed = await PostTokenAsync(client, deviceCode);
            elapsed.Stop();
            await transaction.RollbackAsync();
        }

        using (failed)
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, failed.StatusCode);
            Assert.Equal("store_unavailable", (await failed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetString());
            Assert.Equal("30", failed.Headers.RetryAfter?.ToString());
            Assert.InRange(elapsed.Elapsed, TimeSpan.Zero, TimeSpan.FromSeconds(8));
        }

        await AssertTheRetryIsIssuedOnceAsync(host, client, deviceCode);
    }
}
