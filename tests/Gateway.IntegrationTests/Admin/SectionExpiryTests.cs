using System.Net;
using Microsoft.Extensions.DependencyInjection;
using PatrolScores.Gateway.IntegrationTests.Infrastructure;
using PatrolScores.Gateway.Storage;
using PatrolScores.Gateway.Storage.Records;
using static PatrolScores.Gateway.IntegrationTests.Admin.AdminClient;
using static PatrolScores.Gateway.IntegrationTests.Patrols.DeviceCalls;

namespace PatrolScores.Gateway.IntegrationTests.Admin;

/// <summary>
/// An operator's "invalidate" used to delete a section's only copy during a block, leaving its boards
/// with 503 until the block ended. Now <c>expire</c> marks the copy stale and keeps it as the fallback
/// (on every replica), and an invalidation that deletes is refused with 409 <c>fetch_not_possible</c>
/// while no fetch could replace the copy, unless forced. OSM is never called while the block holds.
/// </summary>
public sealed class SectionExpiryTests
{
    [SkippableTheory]
    [InlineData(StorageMode.Embedded, 1)]
    [InlineData(StorageMode.Distributed, 2)]
    public async Task During_the_global_block_expire_keeps_the_copy_and_invalidate_refuses_unless_forced(StorageMode mode, int instances)
    {
        await using var host = await PatrolsTestHost.StartAsync(mode, settings: Settings(), instances: instances);
        host.TreatAsSecret(Key);
        var token = await host.AddDeviceAsync();
        var clients = Enumerable.Range(0, instances).Select(host.CreateClient).ToList();
        var first = await GetAsync(clients[0], token);
        foreach (var client in clients.Skip(1))
        {
            await GetAsync(client, token);
        }

        await host.Services.GetRequiredService<IGlobalBlockStore>().SetAsync(new GlobalBlock("X-Blocked (test)", host.Time.GetUtcNow()), default);
        var calls = host.Osm.TotalCalls;

        var refused = await AdminPostAsync(clients[0], "/admin/api/sections/10001/invalidate");
        Assert.Equal(HttpStatusCode.Conflict, refused.Status);
        Assert.Equal("fetch_not_possible", refused.Error);
        Assert.Contains("/expire", refused.Body.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal(first.CachedAtText, (await GetAsync(clients[^1], token)).CachedAtText);

        var expired = await AdminPostAsync(clients[0], "/admin/api/sections/10001/expire");
        Assert.Equal(HttpStatusCode.OK, expired.Status);
        Assert.True(expired.Body.GetProperty("expired").GetBoolean());
        Assert.Equal(first.CachedAtText, expired.Body.GetProperty("cached_at").GetString());
        foreach (var client in clients)
        {
            var stale = await GetAsync(client, token);
            Assert.True(stale.FromCache);
            Assert.Equal("SERVICE_BLOCKED", stale.State);
            Assert.Equal(first.CachedAtText, stale.CachedAtText);
            Assert.Equal(first.Scores, stale.Scores);
        }

        Assert.Equal(calls, host.Osm.TotalCalls);

        var forced = await AdminPostAsync(clients[0], "/admin/api/sections/10001/invalidate?force=true");
        Assert.Equal(HttpStatusCode.OK, forced.Status);
        foreach (var client in clients)
        {
            var gone = await GetErrorAsync(client, token);
            Assert.Equal(HttpStatusCode.ServiceUnavailable, gone.Status);
            Assert.Equal("service_blocked", gone.Error);
        }

        Assert.Equal(calls, host.Osm.TotalCalls);
        var trail = await AdminGetAsync(clients[0], "/admin/api/audit?action=section.invalidated");
        Assert.Contains("\"denied\"", trail.Text, StringComparison.Ordinal);
        Assert.Contains("(forced)", trail.Text, StringComparison.Ordinal);
    }

    [SkippableTheory]
    [InlineData(StorageMode.Embedded)]
    [InlineData(StorageMode.Distributed)]
    public async Task While_every_paying_user_is_blocked_invalidate_refuses_and_expire_serves_the_copy_until_the_block_ends(StorageMode mode)
    {
        await using var host = await PatrolsTestHost.StartAsync(mode, settings: Settings());
        host.TreatAsSecret(Key);
        var token = await host.AddDeviceAsync();
        using var client = host.CreateClient();
        var first = await GetAsync(client, token);
        var until = host.Time.GetUtcNow().AddMinutes(40);
        await host.Services.GetRequiredService<IUserBlockStore>().SetAsync(new UserBlock(100001, until, "429 (test)", host.Time.GetUtcNow()), default);
        var calls = host.Osm.TotalCalls;

        var refused = await AdminPostAsync(client, "/admin/api/sections/10001/invalidate");
        var expired = await AdminPostAsync(client, "/admin/api/sections/10001/expire");
        var stale = await GetAsync(client, token);

        Assert.Equal(HttpStatusCode.Conflict, refused.Status);
        Assert.Equal("fetch_not_possible", refused.Error);
        Assert.Equal(HttpStatusCode.OK, expired.Status);
        Assert.True(stale.FromCache);
        Assert.Equal("USER_TEMPORARY_BLOCK", stale.State);
        Assert.Equal(first.CachedAtText, stale.CachedAtText);
        Assert.True(stale.ExpiresAt >= until, $"cache_expires_at {stale.ExpiresAtText} is before the block ends");
        Assert.Equal(calls, host.Osm.TotalCalls);

        // A section whose boards can still be fetched for is invalidated as before.
        var other = await AdminPostAsync(client, "/admin/api/sections/20001/invalidate");
        Assert.Equal(HttpStatusCode.OK, other.Status);
    }
}
