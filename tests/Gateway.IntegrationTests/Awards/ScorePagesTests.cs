using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;
using PatrolScores.Gateway.IntegrationTests.Infrastructure;
using PatrolScores.Gateway.Storage;
using PatrolScores.OsmSimulator;

namespace PatrolScores.Gateway.IntegrationTests.Awards;

/// <summary>
/// The leader's score entry pages without JavaScript: a quick button awards at once and the page says what happened; a
/// resubmitted form applies nothing again; a form without its antiforgery token is refused; every leader page sends the
/// security headers; a read-only session from <c>/devices</c> must sign in again with OSM's write scope.
/// </summary>
public sealed partial class ScorePagesTests
{
    private const long Section = 10001;

    [Fact]
    public async Task A_quick_button_awards_five_points_and_the_page_shows_the_new_score_and_the_history()
    {
        await using var host = await PatrolsTestHost.StartAsync(StorageMode.Embedded, settings: AwardQueueTests.QuickSender());
        using var leader = await LeaderClient.SignInAsync(host);
        var page = await leader.Browser.GetStringAsync($"/scores/{Section}");
        Assert.Contains("<span>Wolves</span> <span class=\"score\" data-patrol=\"72699\">47</span>", page, StringComparison.Ordinal);

        using var posted = await PostFormAsync(leader.Browser, $"/scores/{Section}/awards", page, ("quick", "72699:5"), ("reason", "Best campfire"));
        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        var result = await leader.Browser.GetStringAsync(posted.Headers.Location!.OriginalString);

        Assert.Contains("Points awarded", result, StringComparison.Ordinal);
        Assert.Contains("Wolves +5: 47 → 52", WebUtility.HtmlDecode(result), StringComparison.Ordinal);
        Assert.Contains("data-patrol=\"72699\">52</span>", result, StringComparison.Ordinal);
        Assert.Contains("Best campfire", result, StringComparison.Ordinal);
        Assert.Equal(52, host.Osm.GetPatrolPoints(Section, 72699));

        // The trend: the copy before and the read-back are snapshots; the chart is drawn on the server, the climb named.
        Assert.Contains("<svg", result, StringComparison.Ordinal);
        Assert.Contains("This week's biggest climb: <strong>Wolves, +5 (47 → 52)</strong>", WebUtility.HtmlDecode(result), StringComparison.Ordinal);

        // The same form again (a double tap, a reload of the POST): its key is spent, nothing is applied twice.
        using var again = await PostFormAsync(leader.Browser, $"/scores/{Section}/awards", page, ("quick", "72699:5"), ("reason", "Best campfire"));
        Assert.Equal(posted.Headers.Location, again.Headers.Location);
        Assert.Equal(1, host.Osm.Calls(SimulatorEndpoints.UpdatePatrolPoints));
    }

    [Fact]
    public async Task A_form_without_its_antiforgery_token_is_refused_and_nothing_is_awarded()
    {
        await using var host = await PatrolsTestHost.StartAsync(StorageMode.Embedded);
        using var leader = await LeaderClient.SignInAsync(host);
        var page = await leader.Browser.GetStringAsync($"/scores/{Section}");

        using var forged = await leader.Browser.PostAsync($"/scores/{Section}/awards", new FormUrlEncodedContent([
            new("quick", "72699:5"), new("idempotency_key", IdempotencyKey().Match(page).Groups[1].Value)]));

        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Equal(0, host.Osm.Calls(SimulatorEndpoints.UpdatePatrolPoints));
    }

    [Fact]
    public async Task Leader_pages_send_the_security_headers_and_link_their_only_stylesheet()
    {
        await using var host = await PatrolsTestHost.StartAsync(StorageMode.Embedded);
        using var leader = await LeaderClient.SignInAsync(host);

        foreach (var path in new[] { $"/scores/{Section}", "/scores", "/devices", "/device", "/leader.css", "/scores/20001", "/scores/nope" })
        {
            using var response = await leader.Browser.GetAsync(path);
            await LeaderPageChecks.AssertSecuredAsync(response);
        }

        using var foreign = await leader.Browser.GetAsync("/scores/20001");
        Assert.Equal(HttpStatusCode.Forbidden, foreign.StatusCode);
    }

    [Fact]
    public async Task A_read_only_session_from_the_boards_page_signs_in_again_with_the_write_scope()
    {
        await using var host = await PatrolsTestHost.StartAsync(StorageMode.Embedded);
        using var browser = host.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        using var start = await browser.GetAsync("/devices");
        Assert.Contains("scope=section%3Amember%3Aread", start.Headers.Location!.Query, StringComparison.Ordinal);
        using var osm = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });
        using var approved = await osm.GetAsync(start.Headers.Location);
        using var back = await browser.GetAsync(approved.Headers.Location!.PathAndQuery);
        Assert.Equal("/devices", back.Headers.Location!.OriginalString);

        using var scores = await browser.GetAsync($"/scores/{Section}");

        Assert.Equal(HttpStatusCode.Redirect, scores.StatusCode);
        Assert.Contains("scope=section%3Amember%3Awrite", scores.Headers.Location!.Query, StringComparison.Ordinal);
    }

    private static Task<HttpResponseMessage> PostFormAsync(HttpClient browser, string path, string page, params (string Key, string Value)[] fields)
    {
        var token = Regex.Match(page, "name=\"__RequestVerificationToken\" value=\"([^\"]+)\"").Groups[1].Value;
        var form = fields.Select(f => new KeyValuePair<string, string>(f.Key, f.Value))
            .Append(new("__RequestVerificationToken", WebUtility.HtmlDecode(token)))
            .Append(new("idempotency_key", IdempotencyKey().Match(page).Groups[1].Value));
        return browser.PostAsync(path, new FormUrlEncodedContent(form));
    }

    [GeneratedRegex("name=\"idempotency_key\" value=\"([^\"]+)\"")]
    private static partial Regex IdempotencyKey();
}
