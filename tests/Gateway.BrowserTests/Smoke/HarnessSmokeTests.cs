using System.Text.Json;
using PatrolScores.Gateway.BrowserTests.Infrastructure;

namespace PatrolScores.Gateway.BrowserTests.Smoke;

/// <summary>The harness end to end: Debian's Chromium reaches the gateway and the simulator on their real ports.</summary>
[Collection(BrowserCollection.Name)]
public sealed class HarnessSmokeTests(BrowserFixture browser)
{
    [SkippableFact]
    public async Task The_browser_reads_the_gateways_health_and_the_simulators_calls()
    {
        var page = await browser.NewPageAsync();
        await using var host = await GatewayWithSimulator.StartAsync();
        try
        {
            Assert.Equal(390, page.ViewportSize?.Width);
            Assert.Equal(844, page.ViewportSize?.Height);

            var health = await page.GotoAsync(host.Url("healthz"));
            Assert.NotNull(health);
            Assert.Equal(200, health.Status);
            Assert.Contains("\"status\":\"healthy\"", await page.InnerTextAsync("body"), StringComparison.Ordinal);

            var calls = await page.GotoAsync(host.SimulatorUrl("_sim/calls"));
            Assert.NotNull(calls);
            Assert.Equal(200, calls.Status);
            using var json = JsonDocument.Parse(await page.InnerTextAsync("body"));
            Assert.Equal(JsonValueKind.Object, json.RootElement.ValueKind);
            Assert.True(json.RootElement.TryGetProperty("total", out var total), json.RootElement.ToString());
            Assert.Equal(JsonValueKind.Number, total.ValueKind);
        }
        finally
        {
            await page.Context.CloseAsync();
        }
    }
}
