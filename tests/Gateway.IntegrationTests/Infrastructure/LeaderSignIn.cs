using System.Net;

namespace PatrolScores.Gateway.IntegrationTests.Infrastructure;

/// <summary>
/// A leader signing in on the gateway's pages through the OSM simulator (which signs its first leader, user 100001 with
/// sections 10001 and 10002, in at once), with a client that keeps cookies and does not follow redirects: afterwards it
/// carries the <c>ps_leader</c> session cookie.
/// </summary>
internal static class LeaderSignIn
{
    /// <summary>Opens <c>/devices</c>, signs in at the simulator, comes back through the callback; returns the <c>/devices</c> page.</summary>
    public static async Task<string> SignInAsync(HttpClient browser)
    {
        using var start = await browser.GetAsync("/devices");
        Assert.Equal(HttpStatusCode.Redirect, start.StatusCode);
        using var osm = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });
        using var approved = await osm.GetAsync(start.Headers.Location!);
        using var back = await browser.GetAsync(approved.Headers.Location!.PathAndQuery);
        Assert.Equal("/devices", back.Headers.Location!.OriginalString);
        return await browser.GetStringAsync("/devices");
    }
}
