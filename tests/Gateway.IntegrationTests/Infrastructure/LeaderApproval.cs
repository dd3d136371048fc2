using System.Net;
using System.Text.RegularExpressions;

namespace PatrolScores.Gateway.IntegrationTests.Infrastructure;

/// <summary>
/// A leader approving a board's user code over plain HTTP against a gateway on a real port, as a browser would: code
/// entry (<c>/device</c>), confirmation, sign-in at the OSM simulator (which signs its first leader in at once), and
/// the section choice, with cookies kept and each form's antiforgery field sent back.
/// </summary>
internal static partial class LeaderApproval
{
    /// <summary>Approves <paramref name="userCode"/> for section <paramref name="sectionId"/> on the gateway at <paramref name="gateway"/>.</summary>
    public static async Task ApproveAsync(Uri gateway, string userCode, long sectionId)
    {
        using var browser = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true, CookieContainer = new CookieContainer() })
        {
            BaseAddress = gateway,
            Timeout = TimeSpan.FromSeconds(30),
        };
        var entry = await browser.GetStringAsync(new Uri("device", UriKind.Relative));
        using var submitted = await PostFormAsync(browser, "device", entry, ("user_code", userCode));
        Assert.True(submitted.StatusCode == HttpStatusCode.Redirect, await submitted.Content.ReadAsStringAsync());
        var confirmAt = submitted.Headers.Location!;
        var confirm = await browser.GetStringAsync(confirmAt);

        using var confirmed = await PostFormAsync(browser, "device/confirm", confirm, ("user_code", userCode), ("decision", "confirm"));
        Assert.True(confirmed.StatusCode == HttpStatusCode.Redirect, await confirmed.Content.ReadAsStringAsync());
        using var osm = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });
        using var signedIn = await osm.GetAsync(confirmed.Headers.Location!);
        Assert.True(signedIn.StatusCode == HttpStatusCode.Redirect, $"the simulator answered {signedIn.StatusCode}");
        using var callback = await browser.GetAsync(new Uri(signedIn.Headers.Location!.PathAndQuery, UriKind.Relative));
        var sections = await callback.Content.ReadAsStringAsync();
        Assert.True(callback.StatusCode == HttpStatusCode.OK, sections);

        using var chosen = await PostFormAsync(browser, "device/section", sections, ("section_id", $"{sectionId}"));
        var paired = await chosen.Content.ReadAsStringAsync();
        Assert.True(chosen.StatusCode == HttpStatusCode.OK && paired.Contains("Scoreboard paired", StringComparison.Ordinal), paired);
    }

    private static async Task<HttpResponseMessage> PostFormAsync(HttpClient browser, string path, string page, params (string Key, string Value)[] fields)
    {
        var token = AntiforgeryField().Match(page);
        Assert.True(token.Success, $"the page has no antiforgery field: {page}");
        var form = fields.Select(f => new KeyValuePair<string, string>(f.Key, f.Value)).Append(new(token.Groups[1].Value, WebUtility.HtmlDecode(token.Groups[2].Value)));
        return await browser.PostAsync(new Uri(path, UriKind.Relative), new FormUrlEncodedContent(form));
    }

    [GeneratedRegex("<input type=\"hidden\" name=\"(__RequestVerificationToken)\" value=\"([^\"]+)\">")]
    private static partial Regex AntiforgeryField();
}
