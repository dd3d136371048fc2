using System.Net;
using Microsoft.AspNetCore.Builder;

namespace PatrolScores.OsmSimulator.Tests;

public sealed class HostingTests
{
    [Fact]
    public async Task Port_zero_binds_a_free_loopback_port()
    {
        await using var host = await SimulatorHost.StartAsync();

        var address = host.App.BaseAddress();

        Assert.Equal("127.0.0.1", address.Host);
        Assert.NotEqual(0, address.Port);
        Assert.Equal("/", address.AbsolutePath);
        Assert.Same(host.State, host.App.GetSimulatorState());
    }

    [Fact]
    public async Task Command_line_overrides_options_without_changing_them()
    {
        var options = new SimulatorOptions();
        await using var app = OsmSimulatorApp.Build(
            options,
            args: ["--urls", "http://127.0.0.1:0", "--HourlyLimit", "7", "--Clients:0:ClientId", "cli", "--Clients:0:ClientSecret", "s3"]);
        await app.StartAsync();
        using var client = new HttpClient { BaseAddress = app.BaseAddress() };
        var state = app.GetSimulatorState();

        using var response = await client.GetAsync("ext/members/patrols/?action=getPatrolsWithPeople&sectionid=10001&termid=1");
        var tokens = state.IssueTokens(100001, "cli");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(7, state.HourlyLimit);
        Assert.Equal("http://127.0.0.1:5081", options.Urls);
        Assert.Equal(1000, options.HourlyLimit);
        Assert.NotEmpty(tokens.AccessToken);
        await app.StopAsync();
    }

    [Fact]
    public void Invalid_settings_are_refused_naming_the_key()
    {
        var error = Assert.Throws<InvalidOperationException>(() => OsmSimulatorApp.Build(new SimulatorOptions { HourlyLimit = 0 }));

        Assert.Contains("HourlyLimit", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BaseAddress_before_start_explains_itself()
    {
        await using var app = OsmSimulatorApp.Build(new SimulatorOptions { Urls = "http://127.0.0.1:0" });

        Assert.Throws<InvalidOperationException>(() => app.BaseAddress());
    }
}
