using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using PatrolScores.Gateway.Devices;
using PatrolScores.Gateway.IntegrationTests.Infrastructure;
using PatrolScores.Gateway.Osm.Tokens;
using PatrolScores.Gateway.Storage;
using PatrolScores.Gateway.Storage.Records;
using static PatrolScores.Gateway.IntegrationTests.Patrols.DeviceCalls;

namespace PatrolScores.Gateway.IntegrationTests.Patrols;

/// <summary>
/// The log scan <see cref="PatrolsTestHost"/> runs when disposed (over every patrols test) — device
/// tokens, OSM tokens and member names never reach a log line — checked here to see what it sees and
/// to catch what it should.
/// </summary>
public abstract class LogSecrecyTests
{
    protected abstract StorageMode Mode { get; }

    [SkippableFact]
    public async Task Trace_logs_of_fetches_failures_and_blocks_name_a_device_only_by_its_hash_prefix()
    {
        await using var host = await PatrolsTestHost.StartAsync(Mode);
        var token = await host.AddDeviceAsync();
        using var client = host.CreateClient();
        await GetAsync(client, token);
        using (await SendAsync(client, "device-not-paired"))
        {
        }

        host.Osm.Faults.ServerError = 502;
        host.Time.Advance(TimeSpan.FromMinutes(5));
        await GetAsync(client, token);
        host.Osm.Faults.Clear();
        host.Osm.Faults.TooManyRequests = 60;
        host.Time.Advance(TimeSpan.FromMinutes(1));
        await GetAsync(client, token);

        var lines = host.LogLines.ToList();
        Assert.Contains(lines, line => line.Contains(" Trace ", StringComparison.Ordinal) || line.Contains(" Debug ", StringComparison.Ordinal));
        Assert.Contains(lines, line => line.Contains(DeviceTokenHash.LogId(DeviceTokenHash.Compute(token)), StringComparison.Ordinal));
        Assert.Contains(lines, line => line.Contains(DeviceTokenHash.LogId(DeviceTokenHash.Compute("device-not-paired")), StringComparison.Ordinal));
        Assert.DoesNotContain(lines, line => line.Contains("device-not-paired", StringComparison.Ordinal));
        Assert.Empty(await host.FindLeaksAsync());
    }

    [SkippableFact]
    public async Task The_scan_finds_a_token_or_a_member_name_in_a_message_a_structured_value_or_an_exception()
    {
        await using var host = await PatrolsTestHost.StartAsync(Mode);
        var token = await host.AddDeviceAsync();
        var user = await host.Services.GetRequiredService<IOsmUserStore>().GetAsync(100001, default);
        var refreshToken = host.Services.GetRequiredService<OsmTokenProtector>().TryUnprotect(user!.ProtectedRefreshToken);
        var logger = host.Services.GetRequiredService<ILoggerFactory>().CreateLogger("PatrolScores.LogScanSelfTest");
        Assert.Empty(await host.FindLeaksAsync());

        // Named so that the redaction rule does not catch it: the scan is what is tested here.
        logger.LogTrace("Device {Caller} polled", token);
        logger.Log(LogLevel.Debug, default, new[] { KeyValuePair.Create<string, object?>("Member", "Bea") }, null, (_, _) => "a member (name only in the state)");
        logger.LogError(new InvalidOperationException($"refresh failed for {refreshToken}"), "OSM refresh failed");
        var leaks = await host.FindLeaksAsync();

        // Each planted leak twice: as a captured text line and as the JSON console line.
        Assert.Equal(6, leaks.Count);
        Assert.Equal(3, leaks.Count(line => line.StartsWith('{')));
        Assert.Contains(leaks, line => line.Contains("polled", StringComparison.Ordinal));
        Assert.Contains(leaks, line => line.Contains("name only in the state", StringComparison.Ordinal));
        Assert.Contains(leaks, line => line.Contains("OSM refresh failed", StringComparison.Ordinal));

        // The leaks were planted: let the host's own scan at dispose pass.
        host.DiscardCapturedLogs();
    }
}

public sealed class EmbeddedLogSecrecyTests : LogSecrecyTests
{
    protected override StorageMode Mode => StorageMode.Embedded;
}

public sealed class DistributedLogSecrecyTests : LogSecrecyTests
{
    protected override StorageMode Mode => StorageMode.Distributed;
}
