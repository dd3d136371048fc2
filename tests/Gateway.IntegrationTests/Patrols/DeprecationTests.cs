using Microsoft.Extensions.DependencyInjection;
using PatrolScores.Gateway.IntegrationTests.Infrastructure;
using PatrolScores.Gateway.Osm.Guard;
using PatrolScores.Gateway.Storage;
using static PatrolScores.Gateway.IntegrationTests.Patrols.DeviceCalls;

namespace PatrolScores.Gateway.IntegrationTests.Patrols;

/// <summary><c>X-Deprecated</c> is logged with its date and kept for monitoring; scores keep flowing.</summary>
public sealed class DeprecationTests
{
    [Fact]
    public async Task An_x_deprecated_date_is_logged_and_recorded_and_the_device_still_gets_scores()
    {
        await using var host = await PatrolsTestHost.StartAsync(StorageMode.Embedded);
        var token = await host.AddDeviceAsync();
        host.Osm.Faults.Deprecated = "2027-03-01";
        using var client = host.CreateClient();

        var answer = await GetAsync(client, token);

        Assert.Equal(["Badgers", "Eagles", "Wolves"], answer.Names);
        var notices = host.Services.GetRequiredService<DeprecationNotices>().All;
        Assert.Contains(notices, n => n is { Endpoint: "patrols", Date: "2027-03-01" });
        Assert.Contains(notices, n => n is { Endpoint: "resource", Date: "2027-03-01" });
        Assert.Contains(host.LogLines, line => line.Contains("deprecated", StringComparison.OrdinalIgnoreCase) && line.Contains("2027-03-01", StringComparison.Ordinal));
    }
}
