using System.Net;
using System.Net.Http.Headers;
using System.Text;
using PatrolScores.Gateway.IntegrationTests.Admin;
using PatrolScores.Gateway.IntegrationTests.Infrastructure;
using PatrolScores.Gateway.Storage;

namespace PatrolScores.Gateway.IntegrationTests.Hosting;

/// <summary>
/// Bad input is a 4xx with the endpoint's error shape, never a 500: the examples of the issue (a lone
/// surrogate in JSON, a raw 0xFF byte, multipart without a boundary, 1,025 form fields, a 2,049-character
/// key, a 4 MB value) on every public POST endpoint, then a bounded fuzz run (fixed seed, 400 requests)
/// of random bodies and content types over the same endpoints.
/// </summary>
public sealed class BadInputFuzzTests
{
    private static readonly string[] Endpoints =
    [
        "/device/authorize",
        "/device/token",
        "/admin/api/global-block/clear",
        "/admin/api/sections/10001/invalidate",
        "/device",
        "/device/confirm",
        "/device/section",
        "/devices/x/rename",
        "/api/v1/patrols",
    ];

    public static TheoryData<string, string> Examples()
    {
        var data = new TheoryData<string, string>();
        foreach (var endpoint in Endpoints)
        {
            foreach (var example in new[] { "lone-surrogate", "raw-ff", "multipart-no-boundary", "1025-fields", "long-key", "4mb-value", "lone-surrogate-reason" })
            {
                data.Add(endpoint, example);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Examples))]
    public async Task The_issues_examples_are_never_a_5xx_on_any_endpoint(string endpoint, string example)
    {
        await using var host = await PatrolsTestHost.StartAsync(StorageMode.Embedded, settings: AdminClient.Settings());
        using var client = host.CreateClient();

        using var response = await client.SendAsync(Request(endpoint, Body(example)));

        // Endpoints that read no body may accept the request; none may fail it with a 5xx.
        Assert.True((int)response.StatusCode < 500, $"{endpoint} {example}: HTTP {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    [Fact]
    public async Task Random_bodies_never_give_a_5xx()
    {
        await using var host = await PatrolsTestHost.StartAsync(StorageMode.Embedded, settings: AdminClient.Settings());
        using var client = host.CreateClient();
        var random = new Random(20261130);
        string[] types = ["application/json", "application/x-www-form-urlencoded", "multipart/form-data", "text/plain", "application/json; charset=utf-16"];
        var failures = new List<string>();

        for (var i = 0; i < 400; i++)
        {
            var bytes = new byte[random.Next(0, 300)];
            random.NextBytes(bytes);
            if (random.Next(3) == 0)
            {
                // Near-valid JSON with a random escape or byte inside a string.
                bytes = Encoding.UTF8.GetBytes($$"""{"client_id":"scoreboard\u{{random.Next(0xD800, 0xE000):x4}}","reason":"{{(char)random.Next(0, 0x20)}}"}""");
            }

            var content = new ByteArrayContent(bytes);
            content.Headers.TryAddWithoutValidation("Content-Type", types[random.Next(types.Length)]);
            using var response = await client.SendAsync(Request(Endpoints[random.Next(Endpoints.Length)], content));
            if ((int)response.StatusCode >= 500)
            {
                failures.Add($"{(int)response.StatusCode} on request {i}");
            }
        }

        Assert.Empty(failures);
    }

    private static HttpRequestMessage Request(string endpoint, HttpContent content)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, endpoint) { Content = content };
        if (endpoint.StartsWith("/admin/api", StringComparison.Ordinal))
        {
            request.Headers.Add("X-Api-Key", AdminClient.Key);
        }

        return request;
    }

    private static HttpContent Body(string example)
    {
        switch (example)
        {
            case "lone-surrogate":
                return Json("""{"client_id":"\ud800"}""");
            case "lone-surrogate-reason":
                return Json("""{"reason":"\ud800"}""");
            case "raw-ff":
                var bytes = Encoding.UTF8.GetBytes("""{"client_id":"ab"}""");
                bytes[14] = 0xFF;
                var raw = new ByteArrayContent(bytes);
                raw.Headers.ContentType = new MediaTypeHeaderValue("application/json");
                return raw;
            case "multipart-no-boundary":
                var multipart = new StringContent("--x\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n1\r\n--x--\r\n");
                multipart.Headers.ContentType = MediaTypeHeaderValue.Parse("multipart/form-data");
                return multipart;
            case "1025-fields":
                return new FormUrlEncodedContent(Enumerable.Range(0, 1025).Select(i => KeyValuePair.Create($"f{i}", "1")));
            case "long-key":
                return new FormUrlEncodedContent([KeyValuePair.Create(new string('k', 2049), "1")]);
            case "4mb-value":
                return new StringContent("client_id=" + new string('v', 4 * 1024 * 1024 + 1), Encoding.ASCII, "application/x-www-form-urlencoded");
            default:
                throw new ArgumentOutOfRangeException(nameof(example));
        }
    }

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");
}
