using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;

namespace PatrolScores.Gateway.IntegrationTests.Patrols;

/// <summary>What a scoreboard does: <c>GET /api/v1/patrols</c> with its device token, and reading the answer.</summary>
internal static class DeviceCalls
{
    public static async Task<HttpResponseMessage> SendAsync(HttpClient client, string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/patrols");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await client.SendAsync(request);
    }

    /// <summary>A 200 with the device body (fails the test on any other status).</summary>
    public static async Task<DeviceAnswer> GetAsync(HttpClient client, string token)
    {
        using var response = await SendAsync(client, token);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"HTTP {(int)response.StatusCode}: {text}");
        var body = JsonDocument.Parse(text).RootElement.Clone();
        return new DeviceAnswer(
            response.Headers.GetValues("X-Cache").Single(),
            response.Headers.NonValidated["Cache-Control"].ToString(),
            body,
            [.. body.GetProperty("patrols").EnumerateArray().Select(p => p.GetProperty("name").GetString()!)],
            [.. body.GetProperty("patrols").EnumerateArray().Select(p => p.GetProperty("score").GetInt32())]);
    }

    /// <summary>An error answer: its status, JSON body and <c>Retry-After</c> (fails the test on a 200 or a non-JSON body).</summary>
    public static async Task<ErrorAnswer> GetErrorAsync(HttpClient client, string token)
    {
        using var response = await SendAsync(client, token);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode != HttpStatusCode.OK, $"expected an error, got HTTP 200: {text}");
        Assert.StartsWith("application/json", response.Content.Headers.ContentType?.ToString(), StringComparison.Ordinal);
        var body = JsonDocument.Parse(text).RootElement.Clone();
        return new ErrorAnswer(
            response.StatusCode,
            body,
            response.Headers.RetryAfter?.Delta is { } delta ? (int)delta.TotalSeconds : null,
            response.Headers.NonValidated.TryGetValues("Retry-After", out var raw) ? raw.ToString() : null);
    }
}

/// <summary>A 200 from the patrols route.</summary>
internal sealed record DeviceAnswer(string Cache, string? CacheControl, JsonElement Body, List<string> Names, List<int> Scores)
{
    public bool FromCache => Body.GetProperty("from_cache").GetBoolean();

    public string State => Body.GetProperty("rate_limit_state").GetString()!;

    public string CachedAtText => Body.GetProperty("cached_at").GetString()!;

    public string ExpiresAtText => Body.GetProperty("cache_expires_at").GetString()!;

    public DateTimeOffset CachedAt => Parse(CachedAtText);

    public DateTimeOffset ExpiresAt => Parse(ExpiresAtText);

    /// <summary><c>cache_expires_at − cached_at</c>: the time to live the gateway gave the entry.</summary>
    public TimeSpan Ttl => ExpiresAt - CachedAt;

    private static DateTimeOffset Parse(string wire) =>
        DateTimeOffset.ParseExact(wire, "yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
}

/// <summary>A JSON error from the patrols route.</summary>
internal sealed record ErrorAnswer(HttpStatusCode Status, JsonElement Body, int? RetryAfterSeconds, string? RetryAfterHeader)
{
    public string Error => Body.GetProperty("error").GetString()!;

    public string Message => Body.GetProperty("message").GetString()!;
}
