using System.Net;
using Microsoft.Extensions.DependencyInjection;
using PatrolScores.Gateway.IntegrationTests.Infrastructure;
using PatrolScores.Gateway.Storage;
using PatrolScores.Gateway.Storage.Records;
using PatrolScores.OsmSimulator;
using static PatrolScores.Gateway.IntegrationTests.Patrols.DeviceCalls;

namespace PatrolScores.Gateway.IntegrationTests.Patrols;

/// <summary>
/// A 429 before any copy exists: the device gets the 429 of the contract (header and body fields), the
/// user is left alone for <c>Retry-After</c> seconds, and other users carry on.
/// </summary>
public abstract class RateLimitedWithoutCopyTests
{
    private const long UserId = 100001;

    protected abstract StorageMode Mode { get; }

    /// <param name="termKnown">
    /// False: the very first request, whose term lookup is answered 429. True: the term was found
    /// earlier (as after a restart), so the 429 answers the patrols call itself.
    /// </param>
    [SkippableTheory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_first_request_answered_429_gets_429_and_the_user_is_not_called_for_retry_after(bool termKnown)
    {
        await using var host = await PatrolsTestHost.StartAsync(Mode, settings: PatrolsTestHost.ExactBlockEnds());
        var token = await host.AddDeviceAsync(UserId, 10001);
        var otherUsersToken = await host.AddDeviceAsync(userId: 100002, sectionId: 20001);
        if (termKnown)
        {
            await host.Services.GetRequiredService<ISectionTermStore>().UpsertAsync(
                new SectionTermRecord(10001, UserId, 50263, host.Time.GetUtcNow(), new DateOnly(2026, 12, 20)), default);
        }

        using var client = host.CreateClient();
        host.Osm.Faults.TooManyRequests = 600;
        host.Osm.Faults.FaultUserId = UserId;

        var limited = await GetErrorAsync(client, token);
        var callsForUser = CallsFor(host);
        var otherUser = await GetAsync(client, otherUsersToken);

        Assert.Equal(HttpStatusCode.TooManyRequests, limited.Status);
        Assert.Equal("600", limited.RetryAfterHeader);
        Assert.Equal("rate_limited", limited.Error);
        Assert.Equal(600, limited.Body.GetProperty("retry_after").GetInt32());
        Assert.Equal("2026-11-23T14:40:00Z", limited.Body.GetProperty("blocked_until").GetString());
        Assert.Equal(1, callsForUser);
        Assert.Equal(["Kestrels"], otherUser.Names);
        Assert.Equal("MISS", otherUser.Cache);

        host.Time.Advance(TimeSpan.FromSeconds(599));
        var stillLimited = await GetErrorAsync(client, token);

        Assert.Equal(HttpStatusCode.TooManyRequests, stillLimited.Status);
        Assert.Equal("rate_limited", stillLimited.Error);
        Assert.Equal("1", stillLimited.RetryAfterHeader);
        Assert.Equal("2026-11-23T14:40:00Z", stillLimited.Body.GetProperty("blocked_until").GetString());
        Assert.Equal(callsForUser, CallsFor(host));

        host.Osm.Faults.Clear();
        host.Time.Advance(TimeSpan.FromSeconds(2));
        var served = await GetAsync(client, token);

        Assert.Equal(["Badgers", "Eagles", "Wolves"], served.Names);
        Assert.Equal("NONE", served.State);

        // Since the 429: one patrols call, after a term lookup unless the term was known.
        Assert.Equal(callsForUser + (termKnown ? 1 : 2), CallsFor(host));
        Assert.Equal(termKnown ? 2 : 1, host.Osm.Calls(SimulatorEndpoints.Patrols, UserId));
    }

    private static int CallsFor(PatrolsTestHost host) =>
        host.Osm.Calls(SimulatorEndpoints.Resource, UserId) + host.Osm.Calls(SimulatorEndpoints.Patrols, UserId);
}

public sealed class EmbeddedRateLimitedWithoutCopyTests : RateLimitedWithoutCopyTests
{
    protected override StorageMode Mode => StorageMode.Embedded;
}

public sealed class DistributedRateLimitedWithoutCopyTests : RateLimitedWithoutCopyTests
{
    protected override StorageMode Mode => StorageMode.Distributed;
}
