using PatrolScores.Gateway.IntegrationTests.Infrastructure;
using PatrolScores.Gateway.Storage;
using PatrolScores.OsmSimulator;
using static PatrolScores.Gateway.IntegrationTests.Patrols.DeviceCalls;

namespace PatrolScores.Gateway.IntegrationTests.Patrols;

/// <summary>
/// Three gateway instances sharing Redis and PostgreSQL (distributed mode only): single flight holds
/// across replicas, so a section costs one upstream fetch however many devices and instances ask.
/// </summary>
public sealed class MultiInstanceTests
{
    [SkippableFact]
    public async Task Three_instances_answer_fifty_concurrent_requests_of_ten_devices_with_one_upstream_fetch()
    {
        await using var host = await PatrolsTestHost.StartAsync(StorageMode.Distributed, instances: 3);
        var tokens = new List<string>();
        for (var i = 0; i < 10; i++)
        {
            tokens.Add(await host.AddDeviceAsync());
        }

        var clients = Enumerable.Range(0, host.Instances).Select(host.CreateClient).ToList();
        try
        {
            var cold = await Task.WhenAll(Enumerable.Range(0, 50).Select(i => GetAsync(clients[i % 3], tokens[i % 10])));

            Assert.All(cold, answer => Assert.Equal(["Badgers", "Eagles", "Wolves"], answer.Names));
            Assert.All(cold, answer => Assert.Equal("2026-11-23T14:30:00Z", answer.CachedAtText));
            Assert.Equal(1, host.Osm.Calls(SimulatorEndpoints.Patrols));
            var termLookups = host.Osm.Calls(SimulatorEndpoints.Resource);

            host.Osm.SetPatrolPoints(10001, 72700, 40);
            host.Time.Advance(TimeSpan.FromMinutes(5));
            var expired = await Task.WhenAll(Enumerable.Range(0, 30).Select(i => GetAsync(clients[i % 3], tokens[i % 10])));

            Assert.All(expired, answer => Assert.Equal([-5, 40, 47], answer.Scores));
            Assert.All(expired, answer => Assert.Equal("2026-11-23T14:35:00Z", answer.CachedAtText));
            Assert.Equal(2, host.Osm.Calls(SimulatorEndpoints.Patrols));

            // One term lookup for the section, whichever instance made it; none more once it is known.
            Assert.Equal(1, termLookups);
            Assert.Equal(1, host.Osm.Calls(SimulatorEndpoints.Resource));
        }
        finally
        {
            clients.ForEach(client => client.Dispose());
        }
    }
}
