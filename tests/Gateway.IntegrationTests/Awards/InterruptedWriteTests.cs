using Microsoft.Extensions.DependencyInjection;
using PatrolScores.Gateway.Awards;
using PatrolScores.Gateway.IntegrationTests.Infrastructure;
using PatrolScores.Gateway.Storage;
using PatrolScores.Gateway.Storage.Records;
using PatrolScores.OsmSimulator;

namespace PatrolScores.Gateway.IntegrationTests.Awards;

/// <summary>
/// A write whose fate is unknown (the gateway stopped, or OSM did not answer, after the total was sent) is never sent again
/// blindly: OSM's points decide. After value: applied with no call; before value: sent once; anything else: uncertain.
/// And OSM answering a write without storing it (an error inside a success) is a failure, not an award.
/// </summary>
public sealed class InterruptedWriteTests
{
    private const long Section = 10001;
    private const long Wolves = 72699;

    [SkippableTheory]
    [InlineData(52, "applied", 0, 52)]
    [InlineData(47, "applied", 1, 52)]
    [InlineData(60, "failed", 0, 60)]
    public async Task A_writing_award_is_settled_by_osms_points(int osmHolds, string expectedState, int expectedWrites, int expectedPoints)
    {
        await using var host = await PatrolsTestHost.StartAsync(StorageMode.Embedded, settings: AwardQueueTests.QuickSender());
        using var leader = await LeaderClient.SignInAsync(host);
        host.Osm.SetPatrolPoints(Section, Wolves, osmHolds);
        host.Osm.ResetCalls();

        await host.Services.GetRequiredService<IAwardStore>().AddAsync(new AwardSubmission(
            "interrupted000000000000000000001", 100001, "Sam Example", "interrupted-1", "hash", Section, null, null, host.Time.GetUtcNow(),
            [new PatrolAward(Wolves, "Wolves", 5, AwardState.Writing, PointsBefore: 47, PointsAfter: 52)]), default);
        host.Services.GetRequiredService<AwardSender>().Wake();
        var settled = await AwardQueueTests.WaitForStatusAsync(leader, Section, expectedState);

        Assert.Equal(expectedWrites, host.Osm.Calls(SimulatorEndpoints.UpdatePatrolPoints));
        Assert.Equal(expectedPoints, host.Osm.GetPatrolPoints(Section, Wolves));
        Assert.Equal(expectedState == "failed" ? "uncertain" : null, settled.GetProperty("awards")[0].GetProperty("failure").GetString());
    }

    [SkippableFact]
    public async Task A_write_osm_answers_without_storing_fails_and_says_so()
    {
        await using var host = await PatrolsTestHost.StartAsync(StorageMode.Embedded, settings: AwardQueueTests.QuickSender());
        using var leader = await LeaderClient.SignInAsync(host);
        await leader.GetJsonAsync($"/api/v1/sections/{Section}/patrols");
        host.Osm.Faults.WritesIgnored = true;

        var (_, body) = await leader.AwardAsync(Section, "not-stored-01", null, (Wolves, 5));

        Assert.Equal("failed", body.GetProperty("status").GetString());
        Assert.Equal("osm_did_not_store", body.GetProperty("awards")[0].GetProperty("failure").GetString());
        Assert.Equal(47, host.Osm.GetPatrolPoints(Section, Wolves));
    }
}
