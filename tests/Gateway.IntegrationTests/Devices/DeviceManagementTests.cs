using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using PatrolScores.Gateway.Devices;
using PatrolScores.Gateway.IntegrationTests.Infrastructure;
using PatrolScores.Gateway.Storage;
using PatrolScores.Gateway.Storage.Records;
using static PatrolScores.Gateway.IntegrationTests.Patrols.DeviceCalls;

namespace PatrolScores.Gateway.IntegrationTests.Devices;

/// <summary>A leader signed in through (simulated) OSM lists, renames and revokes their own scoreboards, and no one else's.</summary>
public sealed partial class DeviceManagementTests
{
    [Fact]
    public async Task A_leader_sees_renames_and_revokes_their_scoreboards()
    {
        await using var host = await PatrolsTestHost.StartAsync(StorageMode.Embedded);
        var (token, device, browser, list, deviceId) = await SignInWithOneBoardAsync(host);
        using var disposeDevice = device;
        using var disposeBrowser = browser;
        Assert.Contains("Test scoreboard", list, StringComparison.Ordinal);
        Assert.Contains("Section: Example Scouts", list, StringComparison.Ordinal);

        using var renamed = await PostAsync(browser, $"/devices/{deviceId}/rename", list, ("name", "Hut 2 scoreboard"));
        Assert.Equal("/devices?notice=renamed", renamed.Headers.Location!.OriginalString);
        list = await browser.GetStringAsync("/devices");
        Assert.Contains("Hut 2 scoreboard", list, StringComparison.Ordinal);

        using var revoked = await PostAsync(browser, $"/devices/{deviceId}/revoke", list);
        Assert.Equal("/devices?notice=revoked", revoked.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.Unauthorized, (await GetErrorAsync(device, token)).Status);
        Assert.DoesNotContain("Hut 2 scoreboard", await browser.GetStringAsync("/devices"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_leader_moves_a_scoreboard_to_their_other_section_from_the_list_and_it_shows_that_sections_patrols()
    {
        await using var host = await PatrolsTestHost.StartAsync(StorageMode.Embedded);
        var (token, device, browser, list, deviceId) = await SignInWithOneBoardAsync(host);
        using var disposeDevice = device;
        using var disposeBrowser = browser;
        Assert.Contains("<option value=\"section:10001\" selected>Example Scouts</option>", list, StringComparison.Ordinal);
        Assert.Contains("<option value=\"section:10002\">Example Cubs</option>", list, StringComparison.Ordinal);

        using var moved = await PostAsync(browser, $"/devices/{deviceId}/move", list, ("target", "section:10002"));
        using var foreign = await PostAsync(browser, $"/devices/{deviceId}/move", list, ("target", "section:20001"));
        using var nonsense = await PostAsync(browser, $"/devices/{deviceId}/move", list, ("target", "section:x"));
        using var unprotected = await browser.PostAsync($"/devices/{deviceId}/move", new FormUrlEncodedContent([new("target", "local")]));

        Assert.Equal("/devices?notice=moved", moved.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.Forbidden, foreign.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, nonsense.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, unprotected.StatusCode);
        Assert.Contains("Section: Example Cubs", await browser.GetStringAsync("/devices"), StringComparison.Ordinal);
        Assert.Contains("Red Six", (await GetAsync(device, token)).Names);
    }

    [Fact]
    public async Task Another_leaders_scoreboard_cannot_be_touched()
    {
        await using var host = await PatrolsTestHost.StartAsync(StorageMode.Embedded);
        await host.AddDeviceAsync();
        var othersToken = await host.AddDeviceAsync(userId: 100002, sectionId: 20001);
        var othersId = (await host.Services.GetRequiredService<IDeviceStore>().FindByTokenHashAsync(DeviceTokenHash.Compute(othersToken), default))!.Id;
        using var browser = host.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var list = await LeaderSignIn.SignInAsync(browser);

        using var revoke = await PostAsync(browser, $"/devices/{othersId}/revoke", list);

        Assert.Equal(HttpStatusCode.NotFound, revoke.StatusCode);
        Assert.Single(DeviceId().Matches(list));
        Assert.DoesNotContain(othersId, list, StringComparison.Ordinal);
        Assert.Null((await host.Services.GetRequiredService<IDeviceStore>().GetAsync(othersId, default))!.RevokedAt);
    }

    // One paired board that has polled once, and its leader signed in on /devices: (token, device, browser, list, board id).
    private static async Task<(string Token, HttpClient Device, HttpClient Browser, string List, string DeviceId)> SignInWithOneBoardAsync(PatrolsTestHost host)
    {
        var token = await host.AddDeviceAsync();
        var device = host.CreateClient();
        await GetAsync(device, token);
        var browser = host.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var list = await LeaderSignIn.SignInAsync(browser);
        return (token, device, browser, list, DeviceId().Match(list).Groups[1].Value);
    }

    private static Task<HttpResponseMessage> PostAsync(HttpClient browser, string path, string page, params (string Key, string Value)[] fields)
    {
        var token = Regex.Match(page, "name=\"__RequestVerificationToken\" value=\"([^\"]+)\"").Groups[1].Value;
        var form = fields.Select(f => new KeyValuePair<string, string>(f.Key, f.Value)).Append(new("__RequestVerificationToken", WebUtility.HtmlDecode(token)));
        return browser.PostAsync(path, new FormUrlEncodedContent(form));
    }

    [GeneratedRegex("action=\"/devices/([0-9a-f]+)/rename\"")]
    private static partial Regex DeviceId();
}
