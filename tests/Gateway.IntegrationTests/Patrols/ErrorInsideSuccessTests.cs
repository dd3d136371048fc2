using System.Net;
using Microsoft.Extensions.DependencyInjection;
using PatrolScores.Gateway.IntegrationTests.Infrastructure;
using PatrolScores.Gateway.Storage;
using PatrolScores.Gateway.Storage.Records;
using PatrolScores.OsmSimulator;
using static PatrolScores.Gateway.IntegrationTests.Patrols.DeviceCalls;

namespace PatrolScores.Gateway.IntegrationTests.Patrols;

/// <summary>
/// OSM answers some refusals with a 200 and an error inside. That is not a scoreboard: it is never
/// cached or shown (the last good copy is kept, marked), never becomes <c>"patrols": []</c>, and an
/// error in <c>/oauth/resource</c> never tells a device <c>section_not_found</c> (boards re-pair on it).
/// </summary>
public abstract class ErrorInsideSuccessTests
{
    protected abstract StorageMode Mode { get; }

    [SkippableFact]
    public async Task An_error_inside_a_200_keeps_the_last_good_scores()
    {
        await using var host = await PatrolsTestHost.StartAsync(Mode);
        var token = await host.AddDeviceAsync();
        using var client = host.CreateClient();
        var good = await GetAsync(client, token);
        host.Time.Advance(TimeSpan.FromMinutes(5));
        host.Osm.Faults.ErrorInsideSuccess = true;

        var answer = await GetAsync(client, token);

        Assert.Equal(good.Names, answer.Names);
        Assert.Equal(good.Scores, answer.Scores);
        Assert.True(answer.FromCache);
        Assert.Equal(good.CachedAtText, answer.CachedAtText);
        Assert.Equal(2, host.Osm.Calls(SimulatorEndpoints.Patrols));
    }

    [SkippableFact]
    public async Task An_error_inside_a_200_with_no_copy_is_a_502_not_an_empty_scoreboard()
    {
        await using var host = await PatrolsTestHost.StartAsync(Mode);
        var token = await host.AddDeviceAsync();
        await host.Services.GetRequiredService<ISectionTermStore>().UpsertAsync(
            new SectionTermRecord(10001, 100001, 50263, host.Time.GetUtcNow(), new DateOnly(2026, 12, 20)), default);
        using var client = host.CreateClient();
        host.Osm.Faults.ErrorInsideSuccess = true;

        var answer = await GetErrorAsync(client, token);

        Assert.Equal(HttpStatusCode.BadGateway, answer.Status);
        Assert.Equal("upstream_error", answer.Error);
    }

    [SkippableFact]
    public async Task An_error_inside_the_profile_never_tells_a_device_its_section_is_gone()
    {
        await using var host = await PatrolsTestHost.StartAsync(Mode);
        var token = await host.AddDeviceAsync();
        using var client = host.CreateClient();
        host.Osm.Faults.ErrorInsideSuccess = true;

        var answer = await GetErrorAsync(client, token);

        Assert.Equal(HttpStatusCode.BadGateway, answer.Status);
        Assert.Equal("upstream_error", answer.Error);
        Assert.Equal(0, host.Osm.Calls(SimulatorEndpoints.Patrols));
    }
}

public sealed class EmbeddedErrorInsideSuccessTests : ErrorInsideSuccessTests
{
    protected override StorageMode Mode => StorageMode.Embedded;
}

public sealed class DistributedErrorInsideSuccessTests : ErrorInsideSuccessTests
{
    protected override StorageMode Mode => StorageMode.Distributed;
}
