using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc.Testing;
using PatrolScores.Gateway.IntegrationTests.Infrastructure;
using PatrolScores.Gateway.Storage;

namespace PatrolScores.Gateway.IntegrationTests.Devices.Pairing;

/// <summary>Abuse limits per client address: each refusal is a 429 with Retry-After and a JSON body.</summary>
public sealed class PairingRateLimitTests
{
    [Fact]
    public async Task Asking_for_codes_is_limited_to_six_a_minute()
    {
        await using var host = await PatrolsTestHost.StartAsync(StorageMode.Embedded);
        using var client = host.CreateClient();

        var statuses = new List<HttpStatusCode>();
        HttpResponseMessage? last = null;
        for (var i = 0; i < 7; i++)
        {
            last?.Dispose();
            last = await client.PostAsync("/device/authorize", new FormUrlEncodedContent([new("client_id", "patrolscores-scoreboard")]));
            statuses.Add(last.StatusCode);
        }

        using var refused = last!;
        Assert.Equal(Enumerable.Repeat(HttpStatusCode.OK, 6).Append(HttpStatusCode.TooManyRequests), statuses);
        Assert.NotNull(refused.Headers.RetryAfter);
        Assert.Equal("slow_down", (await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetString());
    }

    [Fact]
    public async Task Typing_codes_is_limited_after_a_small_burst()
    {
        await using var host = await PatrolsTestHost.StartAsync(StorageMode.Embedded);
        using var browser = host.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var page = await browser.GetStringAsync("/device");
        var token = System.Text.RegularExpressions.Regex.Match(page, "name=\"__RequestVerificationToken\" value=\"([^\"]+)\"").Groups[1].Value;

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
        {
            using var response = await browser.PostAsync("/device", new FormUrlEncodedContent(
                [new("user_code", "BCDF-GHJK"), new("__RequestVerificationToken", WebUtility.HtmlDecode(token))]));
            statuses.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                Assert.NotNull(response.Headers.RetryAfter);
                Assert.Contains("\"error\":\"rate_limited\"", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            }
        }

        Assert.Equal([HttpStatusCode.NotFound, HttpStatusCode.NotFound, HttpStatusCode.NotFound, HttpStatusCode.TooManyRequests], statuses);
    }
}
