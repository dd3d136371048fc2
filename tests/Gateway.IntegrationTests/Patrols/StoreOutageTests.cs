using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using PatrolScores.Gateway.IntegrationTests.Infrastructure;
using PatrolScores.Gateway.Storage;
using PatrolScores.OsmSimulator;
using static PatrolScores.Gateway.IntegrationTests.Patrols.DeviceCalls;

namespace PatrolScores.Gateway.IntegrationTests.Patrols;

/// <summary>
/// A store dies under a running gateway (Redis killed with SIGKILL, PostgreSQL refusing the database,
/// embedded mode's SQLite file gone). Boards whose replica holds their scores keep getting 200 with the
/// copy marked stale and <c>cache_expires_at</c> at the moment the gateway looks again, each within a
/// bound far below a store timeout (a breaker, not a timeout per poll); OSM gets no call while quota
/// and blocks are unknown; <c>/readyz</c> answers at once with <c>degraded</c> and names the store; and
/// when the store returns, the gateway recovers alone, with one fetch. In the metrics collection: the
/// tests read <c>gateway_store_up</c>, which a gateway running in parallel would also report.
/// </summary>
[Collection(Telemetry.MetricsCollection.Name)]
public sealed class StoreOutageTests
{
    // Far below the 5 s Redis command timeout and the ~6 s polls the issue measured.
    private static readonly TimeSpan Prompt = TimeSpan.FromSeconds(2);

    // Past the 5 min time to live, and past the 30 s the device check is remembered.
    private static readonly TimeSpan PastFreshness = TimeSpan.FromMinutes(6);

    [SkippableFact]
    public async Task Redis_killed_held_copies_are_served_without_osm_calls_and_the_gateway_recovers_alone()
    {
        await using var redis = await PrivateRedis.StartAsync();
        await using var host = await PatrolsTestHost.StartAsync(StorageMode.Distributed, settings: OnRedis(redis));
        var token = await host.AddDeviceAsync();
        using var client = host.CreateClient();
        var first = await GetAsync(client, token);

        await redis.KillAsync();
        await ServeThroughOutageAsync(host, [client], token, first, "redis");

        await redis.StartAgainAsync();
        await RecoverAsync(host, [client], token, first);
    }

    [SkippableFact]
    public async Task Redis_hung_only_the_first_poll_waits_for_its_timeout_and_the_gateway_recovers_alone()
    {
        await using var redis = await PrivateRedis.StartAsync();
        await using var host = await PatrolsTestHost.StartAsync(StorageMode.Distributed, settings: OnRedis(redis));
        var token = await host.AddDeviceAsync();
        using var client = host.CreateClient();
        var first = await GetAsync(client, token);

        await redis.PauseAsync();
        try
        {
            // The first poll past freshness meets the hung Redis and waits for its command timeout (5 s);
            // that failure opens the circuit, so every later poll is prompt.
            host.Time.Advance(PastFreshness);
            var waited = await GetAsync(client, token);
            Assert.True(waited.FromCache);
            Assert.Equal(first.CachedAtText, waited.CachedAtText);
            await ServeThroughOutageAsync(host, [client], token, first, "redis", advanceFirst: false);
        }
        finally
        {
            await redis.ResumeAsync();
        }

        await RecoverAsync(host, [client], token, first);
    }

    [SkippableFact]
    public async Task Postgres_stopped_held_copies_are_served_pairing_waits_and_the_gateway_recovers_alone()
    {
        await using var host = await PatrolsTestHost.StartAsync(StorageMode.Distributed);
        var token = await host.AddDeviceAsync();
        using var client = host.CreateClient();
        var first = await GetAsync(client, token);

        await StoreFaults.StopPostgresAsync(host);
        try
        {
            await ServeThroughOutageAsync(host, [client], token, first, "records");

            // New pairings wait for the store: 503 with Retry-After, in the RFC 8628 error shape.
            using var authorize = await client.PostAsJsonAsync("/device/authorize", new { client_id = "patrolscores-scoreboard" });
            Assert.Equal(HttpStatusCode.ServiceUnavailable, authorize.StatusCode);
            Assert.Equal("30", authorize.Headers.NonValidated["Retry-After"].ToString());
            Assert.Equal("store_unavailable", JsonDocument.Parse(await authorize.Content.ReadAsStringAsync()).RootElement.GetProperty("error").GetString());

            // A token the gateway has never seen cannot be checked: 503, never a 401 that would unpair it.
            var unknown = await GetErrorAsync(client, "never-seen-device-token");
            Assert.Equal(HttpStatusCode.ServiceUnavailable, unknown.Status);
            Assert.Equal("store_unavailable", unknown.Error);
        }
        finally
        {
            await StoreFaults.StartPostgresAsync(host);
        }

        await RecoverAsync(host, [client], token, first);
    }

    [Fact]
    public async Task Sqlite_file_gone_held_copies_are_served_and_the_gateway_recovers_alone()
    {
        await using var host = await PatrolsTestHost.StartAsync(StorageMode.Embedded);
        var token = await host.AddDeviceAsync();
        using var client = host.CreateClient();
        var first = await GetAsync(client, token);

        StoreFaults.RemoveSqliteFile(host);
        try
        {
            await ServeThroughOutageAsync(host, [client], token, first, "records");
        }
        finally
        {
            StoreFaults.RestoreSqliteFile(host);
        }

        await RecoverAsync(host, [client], token, first);
    }

    [SkippableFact]
    public async Task Redis_killed_under_two_replicas_each_serves_what_it_holds_and_one_fetch_follows_recovery()
    {
        await using var redis = await PrivateRedis.StartAsync();
        await using var host = await PatrolsTestHost.StartAsync(StorageMode.Distributed, instances: 2, settings: OnRedis(redis));
        var token = await host.AddDeviceAsync();
        using var one = host.CreateClient(0);
        using var two = host.CreateClient(1);
        var first = await GetAsync(one, token);
        var shared = await GetAsync(two, token);
        Assert.Equal(first.CachedAtText, shared.CachedAtText);
        Assert.Equal(1, host.Osm.Calls(SimulatorEndpoints.Patrols));

        await redis.KillAsync();
        await ServeThroughOutageAsync(host, [one, two], token, first, "redis");

        await redis.StartAgainAsync();
        await RecoverAsync(host, [one, two], token, first);
    }

    private static Dictionary<string, string?> OnRedis(PrivateRedis redis) => new() { ["Storage:Redis:Configuration"] = redis.Configuration };

    // Polls every replica through the outage, the device memory lapsed and the copy past its freshness.
    private static async Task ServeThroughOutageAsync(PatrolsTestHost host, HttpClient[] replicas, string token, DeviceAnswer before, string store, bool advanceFirst = true)
    {
        var calls = host.Osm.TotalCalls;
        if (advanceFirst)
        {
            host.Time.Advance(PastFreshness);
        }

        for (var poll = 0; poll < 4; poll++)
        {
            foreach (var client in replicas)
            {
                var watch = Stopwatch.StartNew();
                var answer = await GetAsync(client, token);
                watch.Stop();
                var now = host.Time.GetUtcNow();
                Assert.True(watch.Elapsed < Prompt, $"poll {poll} took {watch.Elapsed.TotalMilliseconds:F0} ms");
                Assert.True(answer.FromCache);
                Assert.Equal(before.CachedAtText, answer.CachedAtText);
                Assert.Equal(before.Names, answer.Names);
                Assert.Equal(before.Scores, answer.Scores);
                Assert.Equal(before.State, answer.State);

                // Honest: when the gateway will look at its stores again, never in the past and never far off.
                Assert.InRange(answer.ExpiresAt, now, now + TimeSpan.FromSeconds(30));
            }

            host.Time.Advance(TimeSpan.FromSeconds(1));
        }

        foreach (var client in replicas)
        {
            var ready = await ReadyAsync(client);
            Assert.Equal("degraded", ready.GetProperty("status").GetString());
            Assert.Contains(store, ready.GetProperty("failing").EnumerateArray().Select(name => name.GetString()));
            Assert.Equal("degraded", ready.GetProperty("checks").GetProperty(store).GetProperty("status").GetString());

            using var metrics = await client.GetAsync("/metrics");
            var scraped = (await metrics.Content.ReadAsStringAsync()).Split('\n').Where(line => line.StartsWith("gateway_store_up", StringComparison.Ordinal)).ToList();
            Assert.True(scraped.Contains($"gateway_store_up{{otel_scope_name=\"PatrolScores.Gateway\",store=\"{store}\"}} 0"), string.Join(" | ", scraped));
        }

        Assert.Equal(calls, host.Osm.TotalCalls);
    }

    // The store is back: each replica's probe finds it on its own, and the next poll fetches once.
    private static async Task RecoverAsync(PatrolsTestHost host, HttpClient[] replicas, string token, DeviceAnswer before)
    {
        var patrolsCalls = host.Osm.Calls(SimulatorEndpoints.Patrols);
        foreach (var client in replicas)
        {
            var healthy = false;
            for (var attempt = 0; attempt < 60 && !healthy; attempt++)
            {
                host.Time.Advance(TimeSpan.FromSeconds(2));
                await Task.Delay(250);
                healthy = (await ReadyAsync(client)).GetProperty("status").GetString() == "healthy";
            }

            Assert.True(healthy, "the gateway did not find its store back on its own");
        }

        host.Time.Advance(TimeSpan.FromSeconds(31));
        var fresh = await GetAsync(replicas[0], token);
        Assert.False(fresh.FromCache);
        Assert.Equal("MISS", fresh.Cache);
        Assert.True(fresh.CachedAt > before.CachedAt);
        foreach (var client in replicas.Skip(1))
        {
            Assert.Equal(fresh.CachedAtText, (await GetAsync(client, token)).CachedAtText);
        }

        Assert.Equal(patrolsCalls + 1, host.Osm.Calls(SimulatorEndpoints.Patrols));
    }

    private static async Task<JsonElement> ReadyAsync(HttpClient client)
    {
        var watch = Stopwatch.StartNew();
        using var response = await client.GetAsync("/readyz");
        watch.Stop();
        Assert.True(watch.Elapsed < Prompt + Prompt, $"/readyz took {watch.Elapsed.TotalMilliseconds:F0} ms");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
    }
}
