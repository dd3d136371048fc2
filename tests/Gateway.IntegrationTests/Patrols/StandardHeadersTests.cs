using System.Net;
using System.Net.Http.Headers;
using PatrolScores.Gateway.IntegrationTests.Infrastructure;
using PatrolScores.Gateway.Storage;
using static PatrolScores.Gateway.IntegrationTests.Patrols.DeviceCalls;

namespace PatrolScores.Gateway.IntegrationTests.Patrols;

/// <summary>
/// Issue 14, part 5 (in part): the patrols route speaks HTTP's own cache vocabulary beside <c>X-Cache</c>:
/// <c>Cache-Status</c> (RFC 9211) from <c>fwd=miss</c> to <c>hit</c> to <c>fwd=stale</c> with its reason, and a
/// strong <c>ETag</c> with <c>304 Not Modified</c> for <c>If-None-Match</c> (the boards in the field send none).
/// </summary>
public sealed class StandardHeadersTests
{
    [Fact]
    public async Task Two_polls_go_from_fwd_miss_to_hit_and_a_poll_with_the_etag_gets_304_without_a_body()
    {
        await using var host = await PatrolsTestHost.StartAsync(StorageMode.Embedded, settings: PatrolsTestHost.ExactBlockEnds());
        var hut = await host.AddDeviceAsync(100001, 10001);
        using var client = host.CreateClient();

        using var first = await SendAsync(client, hut);
        host.Time.Advance(TimeSpan.FromSeconds(60));
        using var second = await SendAsync(client, hut);

        Assert.Equal("PatrolScores; fwd=miss; stored; ttl=300", Header(first, "Cache-Status"));
        Assert.Equal("PatrolScores; hit; ttl=240", Header(second, "Cache-Status"));
        Assert.Equal("MISS", Header(first, "X-Cache"));
        Assert.Equal("HIT", Header(second, "X-Cache"));
        var tag = second.Headers.ETag;
        Assert.NotNull(tag);
        Assert.False(tag.IsWeak);

        // The board sends the tag back: 304, no body, the same cache headers. A different or weak-matching tag.
        using var notModified = await SendAsync(client, hut, ifNoneMatch: tag.Tag);
        using var weak = await SendAsync(client, hut, ifNoneMatch: $"\"other\", W/{tag.Tag}");
        using var other = await SendAsync(client, hut, ifNoneMatch: "\"other\"");
        Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);
        Assert.Empty(await notModified.Content.ReadAsByteArrayAsync());
        Assert.Equal(tag, notModified.Headers.ETag);
        Assert.Equal("HIT", Header(notModified, "X-Cache"));
        Assert.Equal(TimeSpan.FromSeconds(240), notModified.Headers.CacheControl?.MaxAge);
        Assert.Equal(HttpStatusCode.NotModified, weak.StatusCode);
        Assert.Equal(HttpStatusCode.OK, other.StatusCode);
        Assert.NotEmpty(await other.Content.ReadAsByteArrayAsync());

        // New scores, a new tag: the old one gets the body.
        host.Osm.SetPatrolPoints(10001, 72700, 99);
        host.Time.Advance(TimeSpan.FromMinutes(5));
        using var changed = await SendAsync(client, hut, ifNoneMatch: tag.Tag);
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        Assert.NotEqual(tag, changed.Headers.ETag);
        Assert.Equal("PatrolScores; fwd=miss; stored; ttl=300", Header(changed, "Cache-Status"));
    }

    [Fact]
    public async Task A_stale_copy_served_while_osm_says_no_is_fwd_stale_with_the_reason()
    {
        await using var host = await PatrolsTestHost.StartAsync(StorageMode.Embedded, settings: PatrolsTestHost.ExactBlockEnds());
        var hut = await host.AddDeviceAsync(100001, 10001);
        using var client = host.CreateClient();
        await GetAsync(client, hut);

        host.Time.Advance(TimeSpan.FromMinutes(6));
        host.Osm.Faults.TooManyRequests = 600;
        using var limited = await SendAsync(client, hut);

        Assert.Equal(HttpStatusCode.OK, limited.StatusCode);
        Assert.Equal("PatrolScores; fwd=stale; ttl=-60; detail=user-blocked", Header(limited, "Cache-Status"));
        Assert.NotNull(limited.Headers.ETag);
    }

    private static async Task<HttpResponseMessage> SendAsync(HttpClient client, string token, string? ifNoneMatch = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/patrols");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        if (ifNoneMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-None-Match", ifNoneMatch);
        }

        return await client.SendAsync(request);
    }

    private static string Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? string.Join(", ", values) : "(none)";
}
