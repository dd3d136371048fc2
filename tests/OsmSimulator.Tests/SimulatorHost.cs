using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Time.Testing;

namespace PatrolScores.OsmSimulator.Tests;

/// <summary>A simulator on a free loopback port with a fake clock, and a client that does not follow redirects.</summary>
internal sealed class SimulatorHost : IAsyncDisposable
{
    public const string ClientId = "patrolscores-demo";
    public const string ClientSecret = "demo-secret";
    public const string RedirectUri = "https://gateway.example/oauth/callback";

    /// <summary>Monday 23 November 2026, 10:00 UTC: inside Autumn 2026.</summary>
    public static readonly DateTimeOffset DefaultNow = new(2026, 11, 23, 10, 0, 0, TimeSpan.Zero);

    private SimulatorHost(WebApplication app, FakeTimeProvider time, SimulatorState state)
    {
        App = app;
        Time = time;
        State = state;
        Client = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false }) { BaseAddress = app.BaseAddress() };
    }

    public WebApplication App { get; }

    public FakeTimeProvider Time { get; }

    public SimulatorState State { get; }

    public HttpClient Client { get; }

    public static async Task<SimulatorHost> StartAsync(DateTimeOffset? now = null, Action<SimulatorOptions>? configure = null)
    {
        var time = new FakeTimeProvider(now ?? DefaultNow);
        var options = new SimulatorOptions { Urls = "http://127.0.0.1:0" };
        configure?.Invoke(options);
        var state = new SimulatorState();
        var app = OsmSimulatorApp.Build(options, state, time);
        await app.StartAsync();
        return new SimulatorHost(app, time, state);
    }

    public string AccessToken(long userId = 100001) => State.IssueTokens(userId).AccessToken;

    public Task<HttpResponseMessage> GetAsync(string path, string? accessToken)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (accessToken is not null)
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        return Client.SendAsync(request);
    }

    public Task<HttpResponseMessage> PostFormAsync(string path, IEnumerable<KeyValuePair<string, string>> form, string? accessToken = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new FormUrlEncodedContent(form) };
        if (accessToken is not null)
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        return Client.SendAsync(request);
    }

    public Task<HttpResponseMessage> GetPatrolsAsync(string accessToken, long sectionId = 10001, long termId = 50263) =>
        GetAsync($"ext/members/patrols/?action=getPatrolsWithPeople&sectionid={sectionId}&termid={termId}&include_no_patrol=y", accessToken);

    public Task<HttpResponseMessage> UpdatePointsAsync(string accessToken, long patrolId, string points, long sectionId = 10001) =>
        PostFormAsync(
            $"ext/members/patrols/?action=updatePatrolPoints&sectionid={sectionId}",
            [new("patrolid", patrolId.ToString(System.Globalization.CultureInfo.InvariantCulture)), new("points", points)],
            accessToken);

    public Task<HttpResponseMessage> AuthorizeAsync(string clientId = ClientId, string responseType = "code", string state = "state-123") =>
        Client.GetAsync(
            $"oauth/authorize?response_type={responseType}&client_id={clientId}&redirect_uri={Uri.EscapeDataString(RedirectUri)}"
            + $"&scope={Uri.EscapeDataString("section:member:read")}&state={state}");

    public async Task<string> AuthorizeCodeAsync()
    {
        using var response = await AuthorizeAsync();
        var query = System.Web.HttpUtility.ParseQueryString(response.Headers.Location!.Query);
        return query["code"] ?? throw new InvalidOperationException($"No code in {response.Headers.Location}.");
    }

    public Task<HttpResponseMessage> RedeemCodeAsync(string code, string redirectUri = RedirectUri, string clientSecret = ClientSecret) =>
        PostFormAsync("oauth/token", [
            new("grant_type", "authorization_code"),
            new("code", code),
            new("redirect_uri", redirectUri),
            new("client_id", ClientId),
            new("client_secret", clientSecret),
        ]);

    public Task<HttpResponseMessage> RefreshAsync(string refreshToken) =>
        PostFormAsync("oauth/token", [
            new("grant_type", "refresh_token"),
            new("refresh_token", refreshToken),
            new("client_id", ClientId),
            new("client_secret", ClientSecret),
        ]);

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await App.StopAsync();
        await App.DisposeAsync();
    }

    public static async Task<JsonNode> ReadJsonAsync(HttpResponseMessage response) =>
        JsonNode.Parse(await response.Content.ReadAsStringAsync()) ?? throw new InvalidOperationException("Empty JSON body.");

    public static string Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? string.Join(",", values) : throw new KeyNotFoundException($"No {name} header.");
}
