using Microsoft.Extensions.DependencyInjection;
using PatrolScores.Gateway.IntegrationTests.Infrastructure;
using PatrolScores.Gateway.IntegrationTests.Telemetry;
using PatrolScores.Gateway.Live;
using PatrolScores.Gateway.Storage;

namespace PatrolScores.Gateway.IntegrationTests.Live;

/// <summary>Operators see the live layer: open connections and pushes, on <c>/metrics</c>.</summary>
[Collection(MetricsCollection.Name)]
public sealed class LiveMetricsTests
{
    [Fact]
    public async Task Open_connections_and_pushes_are_on_metrics()
    {
        await using var host = await PatrolsTestHost.StartAsync(StorageMode.Embedded);
        var hut = await host.AddDeviceAsync(100001, 10001);
        var door = await host.AddDeviceAsync(100001, 10001);
        using var client = host.CreateClient();
        await Patrols.DeviceCalls.GetAsync(client, hut);
        await using var hutBoard = await Board.ConnectAsync(() => host.ConnectBoardAsync(hut));
        await using var doorBoard = await Board.ConnectAsync(() => host.ConnectBoardAsync(door));
        await host.Services.GetRequiredService<ScoreChangeFeed>().PublishAsync(new ScoreChange(new(10001, 50263), host.Time.GetUtcNow()));
        await hutBoard.ExpectAsync("refresh-scores");
        await using var stream = await EventStream.OpenAsync(client, hut);
        Assert.NotNull(await stream.NextAsync(TimeSpan.FromSeconds(5)));

        var scraped = await (await client.GetAsync("/metrics")).Content.ReadAsStringAsync();

        Assert.Contains("live_connections{otel_scope_name=\"PatrolScores.Gateway\",kind=\"websocket\"} 2", scraped, StringComparison.Ordinal);
        Assert.Contains("live_connections{otel_scope_name=\"PatrolScores.Gateway\",kind=\"sse\"} 1", scraped, StringComparison.Ordinal);
        Assert.Contains("live_pushes_total{otel_scope_name=\"PatrolScores.Gateway\"} 2", scraped, StringComparison.Ordinal);
    }
}
