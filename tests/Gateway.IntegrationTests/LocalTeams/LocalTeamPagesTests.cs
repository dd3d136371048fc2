using System.Net;
using System.Text.RegularExpressions;
using PatrolScores.Gateway.IntegrationTests.Infrastructure;
using PatrolScores.Gateway.Storage;

namespace PatrolScores.Gateway.IntegrationTests.LocalTeams;

/// <summary>
/// <c>/scores/local</c> without JavaScript: adding a team, a quick button, undo and a confirmed reset through forms that post
/// and redirect; a form without its antiforgery token is refused; the page sends the leader pages' security headers.
/// </summary>
public sealed partial class LocalTeamPagesTests
{
    [Fact]
    public async Task A_team_added_and_awarded_through_the_forms_shows_its_score_history_undo_and_reset()
    {
        await using var host = await PatrolsTestHost.StartAsync(StorageMode.Embedded);
        using var leader = await LeaderClient.SignInAsync(host);
        host.Osm.ResetCalls();
        var scores = await leader.Browser.GetStringAsync("/scores");
        Assert.Contains("<a href=\"/scores/local\">Local teams</a>", scores, StringComparison.Ordinal);
        var page = await leader.Browser.GetStringAsync("/scores/local");
        Assert.Contains("<label for=\"team-name\">Team name</label>", page, StringComparison.Ordinal);
        Assert.Contains("<label for=\"team-colour\">Colour</label>", page, StringComparison.Ordinal);

        using var added = await PostFormAsync(leader.Browser, "/scores/local/teams", page, ("name", "Hawks"), ("colour", "red"));
        Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
        page = await leader.Browser.GetStringAsync(added.Headers.Location!.OriginalString);
        var id = TeamId().Match(page).Groups[1].Value;
        Assert.Matches("^[0-9a-f]{10}$", id);
        Assert.Contains($"aria-label=\"+5 Hawks\"", page, StringComparison.Ordinal);
        Assert.Contains($"aria-label=\"Delete Hawks\"", page, StringComparison.Ordinal);
        Assert.Contains($"<option value=\"red\" selected>Red</option>", page, StringComparison.Ordinal);

        using var awarded = await PostFormAsync(leader.Browser, "/scores/local/awards", page, ("quick", $"{id}:5"), ("reason", "Best campfire"));
        Assert.Equal(HttpStatusCode.Redirect, awarded.StatusCode);
        var result = await leader.Browser.GetStringAsync(awarded.Headers.Location!.OriginalString);
        Assert.Contains("Points awarded", result, StringComparison.Ordinal);
        Assert.Contains("Hawks +5: 0 → 5", WebUtility.HtmlDecode(result), StringComparison.Ordinal);
        Assert.Contains($"data-team=\"{id}\">5</span>", result, StringComparison.Ordinal);
        Assert.Contains("Best campfire", result, StringComparison.Ordinal);

        // The same form again (a double tap): its key is spent, nothing is applied twice.
        using var again = await PostFormAsync(leader.Browser, "/scores/local/awards", page, ("quick", $"{id}:5"), ("reason", "Best campfire"));
        Assert.Equal(awarded.Headers.Location, again.Headers.Location);

        var undo = UndoAction().Match(result).Groups[1].Value;
        using var undone = await PostFormAsync(leader.Browser, undo, result);
        Assert.Equal(HttpStatusCode.Redirect, undone.StatusCode);
        result = await leader.Browser.GetStringAsync(undone.Headers.Location!.OriginalString);
        Assert.Contains("Undone", result, StringComparison.Ordinal);
        Assert.Contains($"data-team=\"{id}\">0</span>", result, StringComparison.Ordinal);
        Assert.Contains("(undone)", result, StringComparison.Ordinal);

        using var custom = await PostFormAsync(leader.Browser, "/scores/local/awards", result, ("quick", ""), ($"delta-{id}", "12"));
        result = await leader.Browser.GetStringAsync(custom.Headers.Location!.OriginalString);
        Assert.Contains($"data-team=\"{id}\">12</span>", result, StringComparison.Ordinal);

        using var unconfirmed = await PostFormAsync(leader.Browser, "/scores/local/reset", result);
        Assert.Equal(HttpStatusCode.BadRequest, unconfirmed.StatusCode);
        using var reset = await PostFormAsync(leader.Browser, "/scores/local/reset", result, ("confirm", "yes"));
        result = await leader.Browser.GetStringAsync(reset.Headers.Location!.OriginalString);
        Assert.Contains("Scores reset to 0", result, StringComparison.Ordinal);
        Assert.Contains($"data-team=\"{id}\">0</span>", result, StringComparison.Ordinal);

        using var renamed = await PostFormAsync(leader.Browser, $"/scores/local/teams/{id}", result, ("name", "Kestrels"), ("colour", "blue"));
        result = await leader.Browser.GetStringAsync(renamed.Headers.Location!.OriginalString);
        Assert.Contains("aria-label=\"Save Kestrels\"", result, StringComparison.Ordinal);
        using var deleted = await PostFormAsync(leader.Browser, $"/scores/local/teams/{id}/delete", result);
        result = await leader.Browser.GetStringAsync(deleted.Headers.Location!.OriginalString);
        Assert.Contains("No teams yet", result, StringComparison.Ordinal);
        Assert.Equal(0, host.Osm.TotalCalls);
    }

    [Fact]
    public async Task A_full_scoreboard_offers_no_add_form_and_a_21st_team_posted_anyway_is_refused()
    {
        await using var host = await PatrolsTestHost.StartAsync(StorageMode.Embedded);
        using var leader = await LeaderClient.SignInAsync(host);
        var api = new LocalTeamsApi(leader);
        await api.CreateTeamsAsync(20);

        var page = await leader.Browser.GetStringAsync("/scores/local");
        using var posted = await PostFormAsync(leader.Browser, "/scores/local/teams", page, ("name", "Team 21"), ("colour", ""));

        Assert.Contains("holds 20 teams, the most it can", page, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"team-name\"", page, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Conflict, posted.StatusCode);
        Assert.Equal(20, (await api.TeamsAsync()).Count);
    }

    [Fact]
    public async Task A_form_without_its_antiforgery_token_is_refused_and_nothing_changes()
    {
        await using var host = await PatrolsTestHost.StartAsync(StorageMode.Embedded);
        using var leader = await LeaderClient.SignInAsync(host);
        var api = new LocalTeamsApi(leader);
        var owls = await api.CreateIdAsync("Owls");
        await api.AwardAsync("owls-award-0001", null, (owls, 3));

        using var forged = await leader.Browser.PostAsync("/scores/local/teams", new FormUrlEncodedContent([new("name", "Hawks"), new("colour", "red")]));
        using var forgedReset = await leader.Browser.PostAsync("/scores/local/reset", new FormUrlEncodedContent([new("confirm", "yes")]));
        using var forgedAward = await leader.Browser.PostAsync("/scores/local/awards", new FormUrlEncodedContent([new("quick", $"{owls}:5"), new("idempotency_key", "forged-award-0001")]));

        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, forgedReset.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, forgedAward.StatusCode);
        Assert.Equal(["Owls 3"], await api.TeamsAsync());
    }

    [Fact]
    public async Task The_page_sends_the_security_headers_uses_only_the_shared_stylesheet_and_signs_in_like_scores()
    {
        await using var host = await PatrolsTestHost.StartAsync(StorageMode.Embedded);
        using var anonymous = host.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        using var signIn = await anonymous.GetAsync("/scores/local");
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        Assert.Contains("scope=section%3Amember%3Awrite", signIn.Headers.Location!.Query, StringComparison.Ordinal);
        using var leader = await LeaderClient.SignInAsync(host);
        await new LocalTeamsApi(leader).CreateIdAsync("<script>alert(1)</script>");

        using var response = await leader.Browser.GetAsync("/scores/local");
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await LeaderPageChecks.AssertSecuredAsync(response);
        Assert.Contains("href=\"/leader.css\"", body, StringComparison.Ordinal);
        Assert.DoesNotContain("style=", body, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;", body, StringComparison.Ordinal);
    }

    private static Task<HttpResponseMessage> PostFormAsync(HttpClient browser, string path, string page, params (string Key, string Value)[] fields)
    {
        var token = Regex.Match(page, "name=\"__RequestVerificationToken\" value=\"([^\"]+)\"").Groups[1].Value;
        var key = Regex.Match(page, "name=\"idempotency_key\" value=\"([^\"]+)\"").Groups[1].Value;
        var form = fields.Select(f => new KeyValuePair<string, string>(f.Key, f.Value))
            .Append(new("__RequestVerificationToken", WebUtility.HtmlDecode(token)))
            .Append(new("idempotency_key", key));
        return browser.PostAsync(path, new FormUrlEncodedContent(form));
    }

    [GeneratedRegex("data-team=\"([0-9a-f]{10})\"")]
    private static partial Regex TeamId();

    [GeneratedRegex("<form method=\"post\" action=\"(/scores/local/awards/[0-9a-f]{32}/undo)\">")]
    private static partial Regex UndoAction();
}
