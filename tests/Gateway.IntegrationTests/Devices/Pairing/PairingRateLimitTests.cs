using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc.Testing;
using PatrolScores.Gateway.IntegrationTests.Infrastructure;
using PatrolScores.Gateway.Storage;
using static PatrolScores.Gateway.IntegrationTests.Infrastructure.RateLimitFieldsReader;

namespace PatrolScores.Gateway.IntegrationTests.Devices.Pairing;

/// <summary>
/// Abuse limits per client address: each refusal is a 429 with Retry-After and a JSON body, and every answer,
/// accepted or refused, carries RateLimit-Policy and RateLimit (draft-ietf-httpapi-ratelimit-headers-11) with the
/// address's own count.
/// </summary>
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
        var remaining = new List<long>();
        for (var i = 0; i < 4; i++)
        {
            using var response = await browser.PostAsync("/device", new FormUrlEncodedContent(
                [new("user_code", "BCDF-GHJK"), new("__RequestVerificationToken", WebUtility.HtmlDecode(token))]));
            statuses.Add(response.StatusCode);
            var (name, left, reset) = Limit(response);
            remaining.Add(left);
            Assert.Equal("pairing-code-entry", name);
            Assert.Equal("\"pairing-code-entry\";q=3;w=15", Policy(response));
            Assert.InRange(reset, 1, 5);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                Assert.Equal(reset, RetryAfter(response));
                Assert.Contains("\"error\":\"rate_limited\"", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            }
        }

        Assert.Equal([HttpStatusCode.NotFound, HttpStatusCode.NotFound, HttpStatusCode.NotFound, HttpStatusCode.TooManyRequests], statuses);
        Assert.Equal([2, 1, 0, 0], remaining);
    }

    [Fact]
    public async Task Asking_for_codes_reports_the_quota_and_counts_down_to_a_refusal_whose_wait_is_its_reset()
    {
        await using var host = await PatrolsTestHost.StartAsync(StorageMode.Embedded);
        using var client = host.CreateClient();

        var limits = new List<(HttpStatusCode Status, string Policy, (string Name, long Remaining, long Reset) Limit, long? RetryAfter)>();
        for (var i = 0; i < 7; i++)
        {
            using var response = await client.PostAsync("/device/authorize", new FormUrlEncodedContent([new("client_id", "patrolscores-scoreboard")]));
            limits.Add((response.StatusCode, Policy(response), Limit(response), response.StatusCode == HttpStatusCode.TooManyRequests ? RetryAfter(response) : null));
        }

        Assert.Equal(Enumerable.Repeat(HttpStatusCode.OK, 6).Append(HttpStatusCode.TooManyRequests), limits.Select(l => l.Status));
        Assert.All(limits, l => Assert.Equal("\"pairing-authorize\";q=6;w=60", l.Policy));
        Assert.All(limits, l => Assert.Equal("pairing-authorize", l.Limit.Name));
        Assert.Equal([5, 4, 3, 2, 1, 0, 0], limits.Select(l => l.Limit.Remaining));

        // One window: its reset counts down (never up) from at most a minute, and the refusal's wait is that reset.
        var resets = limits.Select(l => l.Limit.Reset).ToList();
        Assert.All(resets, reset => Assert.InRange(reset, 1, 60));
        Assert.Equal(resets.OrderByDescending(reset => reset), resets);
        Assert.Equal(resets[^1], limits[^1].RetryAfter);
    }

    [Fact]
    public async Task Polling_for_a_token_reports_each_answer_against_the_per_minute_quota()
    {
        await using var host = await PatrolsTestHost.StartAsync(StorageMode.Embedded, settings: new Dictionary<string, string?>
        {
            ["Pairing:Limits:TokenPerMinute"] = "3",
        });
        using var client = host.CreateClient();

        var answers = new List<(HttpStatusCode Status, string Policy, long Remaining, long Reset, long? RetryAfter)>();
        for (var i = 0; i < 4; i++)
        {
            using var response = await client.PostAsync("/device/token", new FormUrlEncodedContent(
            [
                new("grant_type", "urn:ietf:params:oauth:grant-type:device_code"),
                new("client_id", "patrolscores-scoreboard"),
                new("device_code", "not-a-device-code"),
            ]));
            var (_, remaining, reset) = Limit(response);
            answers.Add((response.StatusCode, Policy(response), remaining, reset, response.StatusCode == HttpStatusCode.TooManyRequests ? RetryAfter(response) : null));
        }

        Assert.Equal([HttpStatusCode.BadRequest, HttpStatusCode.BadRequest, HttpStatusCode.BadRequest, HttpStatusCode.TooManyRequests], answers.Select(a => a.Status));
        Assert.All(answers, a => Assert.Equal("\"pairing-token\";q=3;w=60", a.Policy));
        Assert.Equal([2, 1, 0, 0], answers.Select(a => a.Remaining));
        Assert.All(answers, a => Assert.InRange(a.Reset, 1, 60));
        Assert.Equal(answers[^1].Reset, answers[^1].RetryAfter);
    }

    [Fact]
    public async Task A_code_entry_refused_for_its_reset_is_accepted_after_waiting_that_long_with_one_try_back()
    {
        await using var host = await PatrolsTestHost.StartAsync(StorageMode.Embedded, settings: new Dictionary<string, string?>
        {
            ["Pairing:Limits:CodeEntryBurst"] = "2",
            ["Pairing:Limits:CodeEntryEverySeconds"] = "1",
        });
        using var browser = host.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var page = await browser.GetStringAsync("/device");
        var token = WebUtility.HtmlDecode(System.Text.RegularExpressions.Regex.Match(page, "name=\"__RequestVerificationToken\" value=\"([^\"]+)\"").Groups[1].Value);
        async Task<(HttpStatusCode Status, long Remaining, long Reset)> EnterAsync()
        {
            using var response = await browser.PostAsync("/device", new FormUrlEncodedContent([new("user_code", "BCDF-GHJK"), new("__RequestVerificationToken", token)]));
            var (_, remaining, reset) = Limit(response);
            return (response.StatusCode, remaining, reset);
        }

        await EnterAsync();
        await EnterAsync();
        var refused = await EnterAsync();
        await Task.Delay(TimeSpan.FromSeconds(refused.Reset));
        var afterReset = await EnterAsync();

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.Status);
        Assert.Equal((0L, 1L), (refused.Remaining, refused.Reset));
        Assert.Equal(HttpStatusCode.NotFound, afterReset.Status);
        Assert.Equal(0, afterReset.Remaining);
    }
}
