using System.Net;
using Microsoft.Extensions.DependencyInjection;
using PatrolScores.Gateway.IntegrationTests.Infrastructure;
using PatrolScores.Gateway.Osm.Tokens;
using PatrolScores.Gateway.Storage;
using PatrolScores.Gateway.Storage.Records;
using PatrolScores.OsmSimulator;
using static PatrolScores.Gateway.IntegrationTests.Patrols.DeviceCalls;

namespace PatrolScores.Gateway.IntegrationTests.Patrols;

/// <summary>
/// OSM access tokens last about an hour: the gateway refreshes them five minutes before expiry (and
/// after a 401), once per user, stores the rotated refresh token, and tells devices what happened.
/// </summary>
public abstract class TokenRefreshTests
{
    private const long UserId = 100001;

    protected abstract StorageMode Mode { get; }

    [SkippableFact]
    public async Task An_expiring_token_is_refreshed_once_and_the_rotated_refresh_token_is_stored()
    {
        await using var host = await PatrolsTestHost.StartAsync(Mode);
        var tokens = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            tokens.Add(await host.AddDeviceAsync());
        }

        using var client = host.CreateClient();
        await GetAsync(client, tokens[0]);
        var before = await StoredUserAsync(host);

        host.Time.Advance(TimeSpan.FromMinutes(55) + TimeSpan.FromSeconds(1));
        host.Osm.SetPatrolPoints(10001, 72700, 41);
        var answers = await Task.WhenAll(Enumerable.Range(0, 20).Select(i => GetAsync(client, tokens[i % 5])));
        var after = await StoredUserAsync(host);
        var protector = host.Services.GetRequiredService<OsmTokenProtector>();

        Assert.All(answers, answer => Assert.Equal([-5, 41, 47], answer.Scores));
        Assert.Equal(1, host.Osm.Calls(SimulatorEndpoints.Token));
        Assert.NotEqual(protector.TryUnprotect(before.ProtectedRefreshToken), protector.TryUnprotect(after.ProtectedRefreshToken));
        Assert.NotEqual(protector.TryUnprotect(before.ProtectedAccessToken), protector.TryUnprotect(after.ProtectedAccessToken));
        Assert.True(after.AccessTokenExpiresAt > host.Time.GetUtcNow().AddMinutes(55));
        Assert.Null(after.ReauthorizationRequiredAt);
    }

    [SkippableFact]
    public async Task A_rejected_refresh_grant_tells_the_device_to_pair_again()
    {
        await using var host = await PatrolsTestHost.StartAsync(Mode);
        var token = await host.AddDeviceAsync();
        using var client = host.CreateClient();
        await GetAsync(client, token);

        host.Osm.Faults.TokenEndpointFailure = "invalid_grant";
        host.Time.Advance(TimeSpan.FromMinutes(56));
        var rejected = await GetErrorAsync(client, token);
        var again = await GetErrorAsync(client, token);

        Assert.Equal(HttpStatusCode.Unauthorized, rejected.Status);
        Assert.Equal("reauthorization_required", rejected.Body.GetProperty("error").GetString());
        Assert.Equal(HttpStatusCode.Unauthorized, again.Status);
        Assert.NotNull((await StoredUserAsync(host)).ReauthorizationRequiredAt);
        Assert.Equal(1, host.Osm.Calls(SimulatorEndpoints.Token));
    }

    [SkippableFact]
    public async Task A_token_endpoint_outage_gives_503_and_the_device_stays_paired()
    {
        await using var host = await PatrolsTestHost.StartAsync(Mode);
        var token = await host.AddDeviceAsync();
        using var client = host.CreateClient();
        host.Osm.Faults.TokenEndpointFailure = "500";
        host.Time.Advance(TimeSpan.FromMinutes(56));

        var outage = await GetErrorAsync(client, token);
        host.Osm.Faults.Clear();
        host.Time.Advance(TimeSpan.FromMinutes(1));
        var recovered = await GetAsync(client, token);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, outage.Status);
        Assert.Equal("upstream_unavailable", outage.Body.GetProperty("error").GetString());
        Assert.NotNull(outage.RetryAfterSeconds);
        Assert.Equal(["Badgers", "Eagles", "Wolves"], recovered.Names);
        Assert.Null((await StoredUserAsync(host)).ReauthorizationRequiredAt);
    }

    [SkippableFact]
    public async Task A_401_from_osm_refreshes_the_token_on_the_next_poll()
    {
        await using var host = await PatrolsTestHost.StartAsync(Mode);
        var token = await host.AddDeviceAsync();
        using var client = host.CreateClient();
        await GetAsync(client, token);

        // The gateway believes its token good for a day; OSM expires it after an hour.
        var users = host.Services.GetRequiredService<IOsmUserStore>();
        var stored = await StoredUserAsync(host);
        await users.UpsertAsync(stored with { AccessTokenExpiresAt = host.Time.GetUtcNow().AddDays(1) }, default);
        host.Time.Advance(TimeSpan.FromMinutes(61));
        var refused = await GetAsync(client, token);
        var refreshed = await GetAsync(client, token);

        Assert.True(refused.FromCache);
        Assert.Equal("MISS", refreshed.Cache);
        Assert.Equal(1, host.Osm.Calls(SimulatorEndpoints.Token));
        Assert.Equal(3, host.Osm.Calls(SimulatorEndpoints.Patrols));
    }

    private static async Task<OsmUserRecord> StoredUserAsync(PatrolsTestHost host) =>
        await host.Services.GetRequiredService<IOsmUserStore>().GetAsync(UserId, default)
        ?? throw new InvalidOperationException("The OSM user is not stored.");
}

public sealed class EmbeddedTokenRefreshTests : TokenRefreshTests
{
    protected override StorageMode Mode => StorageMode.Embedded;
}

public sealed class DistributedTokenRefreshTests : TokenRefreshTests
{
    protected override StorageMode Mode => StorageMode.Distributed;
}
