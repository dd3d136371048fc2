using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using PatrolScores.Gateway.IntegrationTests.Infrastructure;
using PatrolScores.OsmSimulator;

namespace PatrolScores.Gateway.IntegrationTests.Hosting;

/// <summary>
/// SIGTERM to the real process while a patrols request waits on a slow OSM: the request still gets
/// its 200 and body, the process exits 0 well within <c>Hosting:ShutdownTimeout</c>, the spans held
/// by the batch exporter reach the collector on the way out, and the console printed JSON lines with
/// no token or secret in them.
/// </summary>
public sealed class GracefulShutdownTests
{
    private const long UserId = 100001;
    private const long SectionId = 10001;
    private const string DeviceToken = "shutdown-test-device-token";
    private static readonly TimeSpan OsmLatency = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan ShutdownTimeout = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task Sigterm_lets_the_request_in_flight_finish_flushes_traces_and_exits_0()
    {
        var simulator = OsmSimulatorApp.Build(new SimulatorOptions { Urls = "http://127.0.0.1:0" });
        await simulator.StartAsync();
        await using var collector = await OtlpReceiver.StartAsync();
        try
        {
            var osm = simulator.GetSimulatorState();
            var paired = GatewayProcess.PairedDeviceArgs(simulator, DeviceToken, UserId, SectionId);
            await using var gateway = GatewayProcess.Start(
                [.. paired,
                $"--Hosting:ShutdownTimeout={ShutdownTimeout}",
                $"--Telemetry:Otlp:Endpoint={collector.Endpoint}",
                "--Telemetry:Otlp:Protocol=HttpProtobuf",
                "--OTEL_BSP_SCHEDULE_DELAY=600000"]);
            using var client = new HttpClient { BaseAddress = gateway.BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
            await gateway.WaitUntilHealthyAsync(client);

            // Both upstream calls of a first request (term discovery, then patrols) now take 2 s each.
            osm.Faults.Latency = OsmLatency;
            using var request = new HttpRequestMessage(HttpMethod.Get, "api/v1/patrols");
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", DeviceToken);
            var inFlight = client.SendAsync(request);
            await WaitUntilAsync(() => osm.TotalCalls > 0, TimeSpan.FromSeconds(30));
            Assert.False(inFlight.IsCompleted);

            var stopping = Stopwatch.StartNew();
            await gateway.SendTerminateAsync();
            using var response = await inFlight;
            var body = await response.Content.ReadAsStringAsync();
            var exitCode = await gateway.WaitForExitAsync(ShutdownTimeout + TimeSpan.FromSeconds(10));

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            using (var patrols = JsonDocument.Parse(body))
            {
                Assert.Equal(JsonValueKind.Array, patrols.RootElement.GetProperty("patrols").ValueKind);
            }

            Assert.Equal(0, exitCode);
            Assert.True(stopping.Elapsed < ShutdownTimeout, $"stopping took {stopping.Elapsed}");
            Assert.True(collector.TraceExports >= 1, "the spans were not flushed at shutdown");

            var stdout = gateway.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            Assert.NotEmpty(stdout);
            Assert.All(stdout, line => JsonDocument.Parse(line).Dispose());
            var osmTokens = paired.Where(arg => arg.StartsWith("--Demo:Device:OsmAccessToken=", StringComparison.Ordinal) || arg.StartsWith("--Demo:Device:OsmRefreshToken=", StringComparison.Ordinal)).Select(arg => arg[(arg.IndexOf('=', StringComparison.Ordinal) + 1)..]).ToList();
            Assert.Equal(2, osmTokens.Count);
            string[] secrets = [DeviceToken, .. osmTokens, "demo-secret"];
            Assert.All(secrets, secret => Assert.DoesNotContain(secret, gateway.StandardOutput + gateway.StandardError, StringComparison.Ordinal));
            Assert.Equal("", gateway.StandardError);
        }
        finally
        {
            await simulator.StopAsync();
            await simulator.DisposeAsync();
        }
    }

    private static async Task WaitUntilAsync(Func<bool> condition, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "timed out");
            await Task.Delay(20);
        }
    }
}
