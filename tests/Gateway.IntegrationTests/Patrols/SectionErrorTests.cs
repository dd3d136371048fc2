using System.Net;
using PatrolScores.Gateway.IntegrationTests.Infrastructure;
using PatrolScores.Gateway.Storage;
using PatrolScores.OsmSimulator;
using static PatrolScores.Gateway.IntegrationTests.Patrols.DeviceCalls;

namespace PatrolScores.Gateway.IntegrationTests.Patrols;

/// <summary>A device whose section is missing or unknown to its leader's OSM profile: a 400, and OSM is not asked again and again.</summary>
public abstract class SectionErrorTests
{
    protected abstract StorageMode Mode { get; }

    [SkippableFact]
    public async Task A_device_without_a_section_gets_400_section_not_configured_and_osm_is_not_called()
    {
        await using var host = await PatrolsTestHost.StartAsync(Mode);
        var token = await host.AddDeviceAsync(sectionId: null);
        using var client = host.CreateClient();

        var error = await GetErrorAsync(client, token);

        Assert.Equal(HttpStatusCode.BadRequest, error.Status);
        Assert.Equal("section_not_configured", error.Error);
        Assert.Equal(0, host.Osm.TotalCalls);
    }

    [SkippableFact]
    public async Task A_section_not_in_the_profile_gets_400_section_not_found_and_is_not_looked_up_again_within_minutes()
    {
        await using var host = await PatrolsTestHost.StartAsync(Mode);
        var token = await host.AddDeviceAsync(sectionId: 99999);
        using var client = host.CreateClient();

        var first = await GetErrorAsync(client, token);
        host.Time.Advance(TimeSpan.FromMinutes(5));
        var second = await GetErrorAsync(client, token);

        Assert.Equal(HttpStatusCode.BadRequest, first.Status);
        Assert.Equal("section_not_found", first.Error);
        Assert.Equal(HttpStatusCode.BadRequest, second.Status);
        Assert.Equal("section_not_found", second.Error);
        Assert.Equal(1, host.Osm.Calls(SimulatorEndpoints.Resource));
        Assert.Equal(0, host.Osm.Calls(SimulatorEndpoints.Patrols));
    }

    [SkippableFact]
    public async Task A_section_removed_from_the_profile_is_found_out_after_osm_refuses_it()
    {
        await using var host = await PatrolsTestHost.StartAsync(Mode);
        var token = await host.AddDeviceAsync();
        using var client = host.CreateClient();
        await GetAsync(client, token);

        host.Osm.RemoveSection(100001, 10001);
        host.Time.Advance(TimeSpan.FromMinutes(5));
        var refused = await GetAsync(client, token);
        host.Time.Advance(TimeSpan.FromMinutes(1));
        var error = await GetErrorAsync(client, token);

        Assert.Equal([-5, 32, 47], refused.Scores);
        Assert.True(refused.FromCache);
        Assert.Equal(2, host.Osm.Calls(SimulatorEndpoints.Patrols));
        Assert.Equal(HttpStatusCode.BadRequest, error.Status);
        Assert.Equal("section_not_found", error.Error);
        Assert.Equal(2, host.Osm.Calls(SimulatorEndpoints.Resource));
    }
}

public sealed class EmbeddedSectionErrorTests : SectionErrorTests
{
    protected override StorageMode Mode => StorageMode.Embedded;
}

public sealed class DistributedSectionErrorTests : SectionErrorTests
{
    protected override StorageMode Mode => StorageMode.Distributed;
}
