using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using PatrolScores.Gateway.IntegrationTests.Infrastructure;
using PatrolScores.Gateway.Storage;
using PatrolScores.Gateway.Storage.Records;
using PatrolScores.OsmSimulator;
using static PatrolScores.Gateway.IntegrationTests.Patrols.DeviceCalls;

namespace PatrolScores.Gateway.IntegrationTests.Devices.Pairing;

/// <summary>
/// The leader's pages over HTTP (cookies kept, redirects followed by hand): code entry, confirmation,
/// OSM sign-in at the simulator, section choice. The headless-browser run is in Gateway.BrowserTests.
/// </summary>
public sealed partial class PairingPagesTests
{
    private const string ClientId = "patrolscores-scoreboard";

    [Fact]
    public async Task A_leader_pairs_a_scoreboard_and_the_device_then_reads_scores()
    {
        await using var host = await PatrolsTestHost.StartAsync(StorageMode.Embedded);
        using var device = host.CreateClient();
        using var browser = Browser(host);
        var (deviceCode, userCode) = await StartPairingAsync(device);

        var section = await SignInAsync(host, browser, userCode.ToLowerInvariant().Replace("-", " ", StringComparison.Ordinal));
        Assert.Contains("Example Scouts", section, StringComparison.Ordinal);
        Assert.Contains("Example Cubs", section, StringComparison.Ordinal);
        using var chosen = await PostFormAsync(browser, "/device/section", section, ("section_id", "10001"));
        var token = await PollTokenAsync(device, deviceCode);

        Assert.Equal(HttpStatusCode.OK, chosen.StatusCode);
        Assert.Contains("Scoreboard paired", await chosen.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // No page of the flow may be kept by a cache or the browser's history (RFC 9111 §5.2.2.5).
        using var entry = await browser.GetAsync("/device");
        Assert.True(chosen.Headers.CacheControl?.NoStore, "the paired page may be stored");
        Assert.True(entry.Headers.CacheControl?.NoStore, "the code entry page may be stored");
        Assert.Equal(["Badgers", "Eagles", "Wolves"], (await GetAsync(device, token)).Names);
    }

    [Fact]
    public async Task A_section_outside_the_leaders_profile_is_refused()
    {
        await using var host = await PatrolsTestHost.StartAsync(StorageMode.Embedded);
        using var device = host.CreateClient();
        using var browser = Browser(host);
        var (deviceCode, userCode) = await StartPairingAsync(device);
        var section = await SignInAsync(host, browser, userCode);

        using var refused = await PostFormAsync(browser, "/device/section", section, ("section_id", "20001"));

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("not one of yours", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal("authorization_pending", await TokenErrorAsync(device, deviceCode));
    }

    [Fact]
    public async Task Cancel_ends_on_a_page_and_the_device_sees_access_denied()
    {
        await using var host = await PatrolsTestHost.StartAsync(StorageMode.Embedded);
        using var device = host.CreateClient();
        using var browser = Browser(host);
        var (deviceCode, userCode) = await StartPairingAsync(device);
        var confirm = await browser.GetStringAsync($"/device/confirm?user_code={userCode}");

        using var cancelled = await PostFormAsync(browser, "/device/confirm", confirm, ("user_code", userCode), ("decision", "cancel"));

        Assert.Contains("Pairing cancelled", await cancelled.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal("access_denied", await TokenErrorAsync(device, deviceCode));
    }

    [Fact]
    public async Task An_osm_refusal_ends_on_a_page_and_the_device_sees_access_denied()
    {
        await using var host = await PatrolsTestHost.StartAsync(StorageMode.Embedded);
        host.Osm.Faults.DenyAuthorization = true;
        using var device = host.CreateClient();
        using var browser = Browser(host);
        var (deviceCode, userCode) = await StartPairingAsync(device);

        var page = await SignInAsync(host, browser, userCode);

        Assert.Contains("did not allow access", page, StringComparison.Ordinal);
        Assert.Equal("access_denied", await TokenErrorAsync(device, deviceCode));
    }

    [Fact]
    public async Task Pairing_while_osm_blocks_the_service_says_so_and_calls_nothing()
    {
        await using var host = await PatrolsTestHost.StartAsync(StorageMode.Embedded);
        using var device = host.CreateClient();
        using var browser = Browser(host);
        var (deviceCode, userCode) = await StartPairingAsync(device);
        await host.Services.GetRequiredService<IGlobalBlockStore>().SetAsync(new GlobalBlock("X-Blocked on patrols (HTTP 200)", host.Time.GetUtcNow()), default);

        var page = await SignInAsync(host, browser, userCode, HttpStatusCode.ServiceUnavailable);

        Assert.Contains("has blocked this service", page, StringComparison.Ordinal);
        Assert.DoesNotContain("could not be reached", page, StringComparison.Ordinal);
        Assert.Equal(0, host.Osm.Calls(SimulatorEndpoints.Token));
        Assert.Equal("authorization_pending", await TokenErrorAsync(device, deviceCode));
    }

    [Fact]
    public async Task An_expired_code_ends_on_a_page_that_says_what_to_do()
    {
        await using var host = await PatrolsTestHost.StartAsync(StorageMode.Embedded);
        using var device = host.CreateClient();
        using var browser = Browser(host);
        var (deviceCode, userCode) = await StartPairingAsync(device);
        host.Time.Advance(TimeSpan.FromMinutes(11));
        var entry = await browser.GetStringAsync("/device");

        using var expired = await PostFormAsync(browser, "/device", entry, ("user_code", userCode));

        Assert.Equal(HttpStatusCode.Gone, expired.StatusCode);
        Assert.Contains("expired", await expired.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal("expired_token", await TokenErrorAsync(device, deviceCode));
    }

    [Fact]
    public async Task A_form_post_without_the_antiforgery_token_is_refused()
    {
        await using var host = await PatrolsTestHost.StartAsync(StorageMode.Embedded);
        using var device = host.CreateClient();
        using var browser = Browser(host);
        var (deviceCode, userCode) = await StartPairingAsync(device);
        await browser.GetStringAsync($"/device/confirm?user_code={userCode}");

        using var forged = await browser.PostAsync("/device/confirm", new FormUrlEncodedContent([new("user_code", userCode), new("decision", "cancel")]));

        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Equal("authorization_pending", await TokenErrorAsync(device, deviceCode));
    }

    private static HttpClient Browser(PatrolsTestHost host) => host.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    /// <summary>Code entry → confirm → OSM sign-in at the simulator → the callback; returns the section page.</summary>
    private static async Task<string> SignInAsync(PatrolsTestHost host, HttpClient browser, string typedCode, HttpStatusCode expectedStatus = HttpStatusCode.OK)
    {
        var entry = await browser.GetStringAsync("/device");
        using var submitted = await PostFormAsync(browser, "/device", entry, ("user_code", typedCode));
        Assert.Equal(HttpStatusCode.Redirect, submitted.StatusCode);
        var confirmPath = submitted.Headers.Location!.OriginalString;
        var confirm = await browser.GetStringAsync(confirmPath);
        Assert.Contains("requested at", confirm, StringComparison.Ordinal);
        var userCode = Regex.Match(confirmPath, "user_code=([A-Z-]+)").Groups[1].Value;

        using var confirmed = await PostFormAsync(browser, "/device/confirm", confirm, ("user_code", userCode), ("decision", "confirm"));
        var authorize = confirmed.Headers.Location!;
        Assert.Contains("scope=section%3Amember%3Aread", authorize.Query, StringComparison.Ordinal);

        using var osm = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });
        using var approved = await osm.GetAsync(authorize);
        var callback = approved.Headers.Location!;
        using var back = await browser.GetAsync(callback.PathAndQuery);
        var page = await back.Content.ReadAsStringAsync();
        Assert.True(back.StatusCode == expectedStatus, page);
        return page;
    }

    private static async Task<(string DeviceCode, string UserCode)> StartPairingAsync(HttpClient device)
    {
        using var response = await device.PostAsync("/device/authorize", new FormUrlEncodedContent([new("client_id", ClientId)]));
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        return (body.GetProperty("device_code").GetString()!, body.GetProperty("user_code").GetString()!);
    }

    private static async Task<HttpResponseMessage> PostFormAsync(HttpClient browser, string path, string page, params (string Key, string Value)[] fields)
    {
        var token = AntiforgeryField().Match(page);
        Assert.True(token.Success, "the page has no antiforgery field");
        var form = fields.Select(f => new KeyValuePair<string, string>(f.Key, f.Value)).Append(new(token.Groups[1].Value, WebUtility.HtmlDecode(token.Groups[2].Value)));
        return await browser.PostAsync(path, new FormUrlEncodedContent(form));
    }

    private static async Task<string> PollTokenAsync(HttpClient device, string deviceCode)
    {
        using var response = await device.PostAsync("/device/token", TokenForm(deviceCode));
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(response.StatusCode == HttpStatusCode.OK, body.ToString());
        return body.GetProperty("access_token").GetString()!;
    }

    private static async Task<string> TokenErrorAsync(HttpClient device, string deviceCode)
    {
        using var response = await device.PostAsync("/device/token", TokenForm(deviceCode));
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetString()!;
    }

    private static FormUrlEncodedContent TokenForm(string deviceCode) => new(
    [
        new("grant_type", "urn:ietf:params:oauth:grant-type:device_code"),
        new("device_code", deviceCode),
        new("client_id", ClientId),
    ]);

    [GeneratedRegex("<input type=\"hidden\" name=\"(__RequestVerificationToken)\" value=\"([^\"]+)\">")]
    private static partial Regex AntiforgeryField();
}
