using System.Net;
using System.Net.Http.Headers;
using PatrolScores.Gateway.IntegrationTests.Infrastructure;

namespace PatrolScores.Gateway.IntegrationTests.Demo;

/// <summary>
/// The README's first command as a newcomer runs it (issue 14, part 6): the demo program (<c>src/Demo</c>, built with
/// the solution) prints human-readable log lines, not JSON, and once the gateway listens a banner that says what to do
/// next; the first thing it says to do works.
/// </summary>
public sealed class DemoProcessTests
{
    [Fact]
    public async Task The_demo_prints_readable_logs_and_a_banner_whose_first_step_works()
    {
        var simulatorPort = GatewayProcess.FreePort();
        await using var demo = GatewayProcess.StartProgram(DemoDll(), AppContext.BaseDirectory, $"--simulator-url=http://127.0.0.1:{simulatorPort}");
        using var client = new HttpClient { BaseAddress = demo.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        await demo.WaitUntilHealthyAsync(client);
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!demo.StandardOutput.Contains("Stop with Ctrl+C.", StringComparison.Ordinal) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
        }

        var output = demo.StandardOutput;
        Assert.Contains("PatrolScores demo is ready.", output, StringComparison.Ordinal);
        Assert.Contains($"curl -i -H 'Authorization: Bearer demo-device-token' {demo.BaseAddress.ToString().TrimEnd('/')}/api/v1/patrols", output, StringComparison.Ordinal);
        Assert.Contains($"http://127.0.0.1:{simulatorPort}/_sim/sections/10001/patrols/72700/points/99", output, StringComparison.Ordinal);
        Assert.Contains("info: ", output, StringComparison.Ordinal);
        Assert.DoesNotContain(output.Split('\n'), line => line.TrimStart().StartsWith("{\"", StringComparison.Ordinal));

        using var request = new HttpRequestMessage(HttpMethod.Get, "api/v1/patrols");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "demo-device-token");
        using var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    // The demo built beside this test assembly's configuration (the solution builds both).
    private static string DemoDll() => RepositoryRoot.BuiltProgram("Demo", "PatrolScores.Demo.dll");
}
