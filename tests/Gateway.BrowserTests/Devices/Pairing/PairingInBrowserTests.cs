using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using PatrolScores.Gateway.BrowserTests.Infrastructure;

namespace PatrolScores.Gateway.BrowserTests.Devices.Pairing;

/// <summary>
/// A leader pairs a scoreboard from a phone-sized headless Chromium, against the simulated OSM: the
/// device asks for a code, the browser enters it, confirms, signs in, chooses a section, and the
/// device's next poll gets a token that reads scores.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class PairingInBrowserTests(BrowserFixture browser)
{
    private const string ClientId = "patrolscores-scoreboard";

    [SkippableFact]
    public async Task A_leader_pairs_a_scoreboard_from_a_phone_and_the_device_reads_scores()
    {
        browser.RequireBrowser();
        await using var host = await GatewayWithSimulator.StartAsync();
        using var device = host.CreateClient();
        var (deviceCode, userCode) = await StartPairingAsync(host, device);
        var page = await browser.NewPageAsync();
        try
        {
            await page.GotoAsync(host.Url("device"));
            await page.GetByLabel("Code").FillAsync(userCode.ToLowerInvariant().Replace("-", " ", StringComparison.Ordinal));
            await page.GetByRole(AriaRole.Button, new() { Name = "Continue" }).ClickAsync();
            await Assertions.Expect(page.GetByRole(AriaRole.Heading)).ToHaveTextAsync("Is this your scoreboard?");
            await Assertions.Expect(page.Locator("main")).ToContainTextAsync("127.0.0.1");

            await page.GetByRole(AriaRole.Button, new() { Name = "Confirm" }).ClickAsync();
            await Assertions.Expect(page.GetByRole(AriaRole.Heading)).ToHaveTextAsync("Which section's scores?");
            await page.GetByLabel("Example Scouts").CheckAsync();
            await page.GetByRole(AriaRole.Button, new() { Name = "Show these scores" }).ClickAsync();
            await Assertions.Expect(page.GetByRole(AriaRole.Heading)).ToHaveTextAsync("Scoreboard paired");
        }
        finally
        {
            await page.Context.CloseAsync();
        }

        var token = await PollTokenAsync(device, deviceCode);
        using var request = new HttpRequestMessage(HttpMethod.Get, "api/v1/patrols");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var scores = await device.SendAsync(request);
        var body = await scores.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.OK, scores.StatusCode);
        Assert.Equal(["Badgers", "Eagles", "Wolves"], body.GetProperty("patrols").EnumerateArray().Select(p => p.GetProperty("name").GetString()));
    }

    [SkippableFact]
    public async Task Cancel_ends_on_a_page_and_the_device_sees_access_denied()
    {
        browser.RequireBrowser();
        await using var host = await GatewayWithSimulator.StartAsync();
        using var device = host.CreateClient();
        var (deviceCode, userCode) = await StartPairingAsync(host, device);
        var page = await browser.NewPageAsync();
        try
        {
            await page.GotoAsync(host.Url($"d/{userCode.Replace("-", "", StringComparison.Ordinal)}"));
            await Assertions.Expect(page.GetByLabel("Code")).ToHaveValueAsync(userCode);
            await page.GetByRole(AriaRole.Button, new() { Name = "Continue" }).ClickAsync();
            await page.GetByRole(AriaRole.Button, new() { Name = "Cancel" }).ClickAsync();
            await Assertions.Expect(page.GetByRole(AriaRole.Heading)).ToHaveTextAsync("Pairing cancelled");
        }
        finally
        {
            await page.Context.CloseAsync();
        }

        Assert.Equal("access_denied", await TokenErrorAsync(device, deviceCode));
    }

    [SkippableFact]
    public async Task An_expired_code_ends_on_a_page_that_says_what_to_do()
    {
        browser.RequireBrowser();
        await using var host = await GatewayWithSimulator.StartAsync();
        using var device = host.CreateClient();
        var (deviceCode, userCode) = await StartPairingAsync(host, device);
        host.Time.Advance(TimeSpan.FromMinutes(11));
        var page = await browser.NewPageAsync();
        try
        {
            await page.GotoAsync(host.Url("device"));
            await page.GetByLabel("Code").FillAsync(userCode);
            await page.GetByRole(AriaRole.Button, new() { Name = "Continue" }).ClickAsync();
            await Assertions.Expect(page.GetByRole(AriaRole.Heading)).ToHaveTextAsync("This code has expired");
            await Assertions.Expect(page.Locator("main")).ToContainTextAsync("Start pairing again on the scoreboard");
        }
        finally
        {
            await page.Context.CloseAsync();
        }

        Assert.Equal("expired_token", await TokenErrorAsync(device, deviceCode));
    }

    [SkippableFact]
    public async Task A_section_not_in_the_leaders_profile_is_refused()
    {
        browser.RequireBrowser();
        await using var host = await GatewayWithSimulator.StartAsync();
        using var device = host.CreateClient();
        var (deviceCode, userCode) = await StartPairingAsync(host, device);
        var page = await browser.NewPageAsync();
        try
        {
            await page.GotoAsync(host.Url($"device?user_code={userCode}"));
            await page.GetByRole(AriaRole.Button, new() { Name = "Continue" }).ClickAsync();
            await page.GetByRole(AriaRole.Button, new() { Name = "Confirm" }).ClickAsync();

            // A tampered form: another leader's section (20001) in place of one of this leader's.
            await page.EvalOnSelectorAsync("input[name=section_id]", "e => { e.value = '20001'; e.checked = true; }");
            await page.GetByRole(AriaRole.Button, new() { Name = "Show these scores" }).ClickAsync();
            await Assertions.Expect(page.GetByRole(AriaRole.Heading)).ToHaveTextAsync("That section is not one of yours");
        }
        finally
        {
            await page.Context.CloseAsync();
        }

        Assert.Equal("authorization_pending", await TokenErrorAsync(device, deviceCode));
    }

    private static async Task<(string DeviceCode, string UserCode)> StartPairingAsync(GatewayWithSimulator host, HttpClient device)
    {
        using var response = await device.PostAsync("device/authorize", new FormUrlEncodedContent([new("client_id", ClientId)]));
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(response.StatusCode == HttpStatusCode.OK, body.ToString());
        Assert.Equal(host.Url("device"), body.GetProperty("verification_uri").GetString());
        return (body.GetProperty("device_code").GetString()!, body.GetProperty("user_code").GetString()!);
    }

    private static async Task<string> PollTokenAsync(HttpClient device, string deviceCode)
    {
        using var response = await device.PostAsync("device/token", TokenForm(deviceCode));
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(response.StatusCode == HttpStatusCode.OK, body.ToString());
        return body.GetProperty("access_token").GetString()!;
    }

    private static async Task<string> TokenErrorAsync(HttpClient device, string deviceCode)
    {
        using var response = await device.PostAsync("device/token", TokenForm(deviceCode));
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetString()!;
    }

    private static FormUrlEncodedContent TokenForm(string deviceCode) => new(
    [
        new("grant_type", "urn:ietf:params:oauth:grant-type:device_code"),
        new("device_code", deviceCode),
        new("client_id", ClientId),
    ]);
}
