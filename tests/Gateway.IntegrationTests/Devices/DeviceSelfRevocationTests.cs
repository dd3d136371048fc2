using System.Net;
using System.Net.Http.Headers;
using Microsoft.Extensions.DependencyInjection;
using PatrolScores.Gateway.Audit;
using PatrolScores.Gateway.Devices;
using PatrolScores.Gateway.IntegrationTests.Infrastructure;
using PatrolScores.Gateway.Storage;
using PatrolScores.Gateway.Storage.Records;
using static PatrolScores.Gateway.IntegrationTests.Patrols.DeviceCalls;
using EventStream = PatrolScores.Gateway.IntegrationTests.Live.EventStream;
using LiveBoard = PatrolScores.Gateway.IntegrationTests.Live.Board;

namespace PatrolScores.Gateway.IntegrationTests.Devices;

/// <summary>
/// <c>DELETE /api/v1/device</c> ("Forget this board"): the device's own token revokes it, at once and on every
/// replica, its live connection is closed, the revocation is audited, and the token is refused afterwards.
/// </summary>
public abstract class DeviceSelfRevocationTests
{
    protected abstract StorageMode Mode { get; }

    [SkippableFact]
    public async Task A_board_forgets_itself_its_token_is_refused_and_the_revocation_is_audited()
    {
        await using var host = await PatrolsTestHost.StartAsync(Mode);
        var token = await host.AddDeviceAsync();
        var other = await host.AddDeviceAsync();
        using var client = host.CreateClient();
        await GetAsync(client, token);
        await GetAsync(client, token); // remembered in memory
        await using var socket = await LiveBoard.ConnectAsync(() => host.ConnectBoardAsync(token));
        await using var stream = await EventStream.OpenAsync(host.CreateClient(), token);
        Assert.NotNull(await stream.NextAsync(TimeSpan.FromSeconds(10))); // the first event: the scores

        using var forgotten = await ForgetAsync(client, token);
        var refused = await GetErrorAsync(client, token);
        using var again = await ForgetAsync(client, token);

        Assert.Equal(HttpStatusCode.NoContent, forgotten.StatusCode);
        Assert.Empty(await forgotten.Content.ReadAsByteArrayAsync());
        Assert.Equal(HttpStatusCode.Unauthorized, refused.Status);
        Assert.Equal(HttpStatusCode.Unauthorized, again.StatusCode);
        Assert.Equal("disconnect", (await socket.ExpectAsync("disconnect")).GetProperty("type").GetString());
        await stream.Ended.WaitAsync(TimeSpan.FromSeconds(10)); // its open stream ends: it was authenticated only at the start
        await GetAsync(client, other); // another board of the same leader is untouched

        var device = await host.Services.GetRequiredService<IDeviceStore>().FindByTokenHashAsync(DeviceTokenHash.Compute(token), default);
        Assert.NotNull(device!.RevokedAt);
        var row = Assert.Single(await host.Services.GetRequiredService<IAuditStore>().ListAsync(null, 10, AuditActions.DeviceRevoked, default));
        Assert.Equal($"device:{DeviceTokenHash.LogId(device.TokenHash)}", row.Actor);
        Assert.Equal($"device:{DeviceTokenHash.LogId(device.TokenHash)}", row.Target);
        Assert.Equal(AuditOutcomes.Success, row.Outcome);
    }

    [SkippableFact]
    public async Task Without_a_token_or_with_an_unknown_one_nothing_is_revoked()
    {
        await using var host = await PatrolsTestHost.StartAsync(Mode);
        var token = await host.AddDeviceAsync();
        using var client = host.CreateClient();

        using var anonymous = await client.DeleteAsync("/api/v1/device");
        using var unknown = await ForgetAsync(client, "not-a-device-token");

        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, unknown.StatusCode);
        await GetAsync(client, token);
        Assert.Empty(await host.Services.GetRequiredService<IAuditStore>().ListAsync(null, 10, AuditActions.DeviceRevoked, default));
    }

    internal static Task<HttpResponseMessage> ForgetAsync(HttpClient client, string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Delete, "/api/v1/device");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client.SendAsync(request);
    }
}

public sealed class EmbeddedDeviceSelfRevocationTests : DeviceSelfRevocationTests
{
    protected override StorageMode Mode => StorageMode.Embedded;
}

public sealed class DistributedDeviceSelfRevocationTests : DeviceSelfRevocationTests
{
    protected override StorageMode Mode => StorageMode.Distributed;

    [SkippableFact]
    public async Task A_board_that_forgets_itself_on_one_replica_is_refused_on_the_other_at_once()
    {
        await using var host = await PatrolsTestHost.StartAsync(StorageMode.Distributed, instances: 2);
        var token = await host.AddDeviceAsync();
        using var first = host.CreateClient(0);
        using var second = host.CreateClient(1);
        await GetAsync(second, token);
        await GetAsync(second, token); // remembered by the second instance

        using var forgotten = await ForgetAsync(first, token);

        Assert.Equal(HttpStatusCode.NoContent, forgotten.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await GetErrorAsync(second, token)).Status);
    }
}
