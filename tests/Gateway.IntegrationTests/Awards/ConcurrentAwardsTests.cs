using System.Net;
using PatrolScores.Gateway.IntegrationTests.Infrastructure;
using PatrolScores.Gateway.Storage;
using PatrolScores.OsmSimulator;

namespace PatrolScores.Gateway.IntegrationTests.Awards;

/// <summary>
/// OSM takes absolute points, so two leaders adding to one patrol at once must never write totals computed from the same
/// read: on two replicas, +5 and +3 at the same moment end at +8 in OSM, every time.
/// </summary>
public sealed class ConcurrentAwardsTests
{
    private const long Section = 10001;
    private const long Wolves = 72699;

    [SkippableFact]
    public async Task Two_leaders_on_two_replicas_add_5_and_3_to_one_patrol_at_once_and_osm_holds_8_more()
    {
        await using var host = await PatrolsTestHost.StartAsync(StorageMode.Distributed, instances: 2, settings: AwardQueueTests.QuickSender());
        host.Osm.AddSection(100002, Section, "Example Scouts");
        using var sam = await LeaderClient.SignInAsync(host, userId: 100001, instance: 0);
        using var alex = await LeaderClient.SignInAsync(host, userId: 100002, instance: 1);
        Assert.Equal(HttpStatusCode.OK, (await sam.GetJsonAsync($"/api/v1/sections/{Section}/patrols")).Status);
        Assert.Equal(HttpStatusCode.OK, (await alex.GetJsonAsync($"/api/v1/sections/{Section}/patrols")).Status);

        for (var round = 1; round <= 3; round++)
        {
            var answers = await Task.WhenAll(
                sam.AwardAsync(Section, $"sam-round-{round:00}", null, (Wolves, 5)),
                alex.AwardAsync(Section, $"alex-round-{round:00}", null, (Wolves, 3)));

            Assert.All(answers, answer => Assert.Equal("applied", answer.Body.GetProperty("status").GetString()));
            Assert.Equal(47 + (8 * round), host.Osm.GetPatrolPoints(Section, Wolves));
            Assert.Equal(2 * round, host.Osm.Calls(SimulatorEndpoints.UpdatePatrolPoints));
        }
    }
}
