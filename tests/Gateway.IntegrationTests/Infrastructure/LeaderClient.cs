using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc.Testing;

namespace PatrolScores.Gateway.IntegrationTests.Infrastructure;

/// <summary>
/// A leader's browser on one gateway instance: signed in at <c>/scores</c> through the OSM simulator (which approves as
/// <see cref="OsmSimulator.SimulatorState.ApprovingUserId"/>), cookies kept, calling the leader's JSON API.
/// </summary>
internal sealed class LeaderClient : IDisposable
{
    private LeaderClient(HttpClient browser) => Browser = browser;

    public HttpClient Browser { get; }

    public static async Task<LeaderClient> SignInAsync(PatrolsTestHost host, long userId = 100001, int instance = 0)
    {
        var browser = host.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true }, instance);
        host.Osm.ApprovingUserId = userId;
        using var start = await browser.GetAsync("/scores");
        Assert.Equal(HttpStatusCode.Redirect, start.StatusCode);
        Assert.Contains("scope=section%3Amember%3Awrite", start.Headers.Location!.Query, StringComparison.Ordinal);
        using var osm = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });
        using var approved = await osm.GetAsync(start.Headers.Location);
        using var back = await browser.GetAsync(approved.Headers.Location!.PathAndQuery);
        Assert.Equal("/scores", back.Headers.Location!.OriginalString);
        return new LeaderClient(browser);
    }

    /// <summary>POST /api/v1/sections/{section}/awards with <paramref name="key"/> as the Idempotency-Key.</summary>
    public async Task<(HttpStatusCode Status, JsonElement Body)> AwardAsync(long section, string key, string? reason, params (long Patrol, int Delta)[] awards)
    {
        var body = JsonSerializer.Serialize(new
        {
            awards = awards.Select(a => new { patrol_id = a.Patrol, delta = a.Delta }),
            reason,
        });
        return await PostAsync($"/api/v1/sections/{section}/awards", body, key);
    }

    public Task<(HttpStatusCode Status, JsonElement Body)> UndoAsync(string submissionId) =>
        PostAsync($"/api/v1/awards/{submissionId}/undo", "{}", key: null);

    public async Task<(HttpStatusCode Status, JsonElement Body)> GetJsonAsync(string path)
    {
        using var response = await Browser.GetAsync(path);
        return (response.StatusCode, JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone());
    }

    public async Task<(HttpStatusCode Status, JsonElement Body)> PostAsync(string path, string json, string? key, string contentType = "application/json")
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(json, Encoding.UTF8, contentType) };
        if (key is not null)
        {
            request.Headers.Add("Idempotency-Key", key);
        }

        using var response = await Browser.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, JsonDocument.Parse(text).RootElement.Clone());
    }

    public void Dispose() => Browser.Dispose();
}
