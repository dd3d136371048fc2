using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using PatrolScores.Gateway.IntegrationTests.Admin;
using PatrolScores.Gateway.IntegrationTests.Infrastructure;
using PatrolScores.Gateway.Storage;

namespace PatrolScores.Gateway.IntegrationTests.Hosting;

/// <summary>
/// Bad input is a 4xx with the endpoint's error shape, never a 500: the examples of the issue (a lone
/// surrogate in JSON, a raw 0xFF byte, multipart without a boundary, 1,025 form fields, a 2,049-character
/// key, a 4 MB value) on every public POST endpoint, then a bounded fuzz run (fixed seed, 400 requests)
/// of random bodies and content types over the same endpoints. The same for what a GET carries: every
/// hostile piece of a query (malformed escapes, a lone surrogate, 0xFF, NUL, <c>[]</c>, repeated keys, a
/// huge value) on every GET endpoint, then a bounded fuzz run of random queries and path segments, in
/// both storage modes (PostgreSQL refuses a NUL that SQLite stores).
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

    private const string ToolKey = "tool-key-fuzz-5c8d13";

    // Each GET endpoint with the query names it reads ({code} is a path segment); the admin API with the
    // operator's key, /osm with a tool's key, the patrols route with and without a device token.
    private static readonly (string Path, string[] Names)[] GetEndpoints =
    [
        ("/device", ["user_code"]),
        ("/device/confirm", ["user_code"]),
        ("/device/callback", ["code", "state", "error"]),
        ("/device/section", []),
        ("/d/{code}", []),
        ("/devices", ["notice"]),
        ("/devices/callback", ["code", "state", "error"]),
        ("/api/v1/patrols", ["section", "term"]),
        ("/admin/api/status", []),
        ("/admin/api/devices", ["user_id", "section_id", "limit", "after"]),
        ("/admin/api/audit", ["limit", "before", "action"]),
        ("/osm/ext/members/patrols/", ["action", "sectionid", "termid", "include_no_patrol"]),
        ("/osm/oauth/resource", []),
        ("/healthz", []),
        ("/readyz", []),
    ];

    // Raw request-line text: what a client can put in a query or a path segment and a server passes on.
    private static readonly string[] HostilePieces =
    [
        "%", "%z", "%zz", "%E", "%ED%A0%80", "%ED%BF%BF", "%FF", "%C0%AF", "%C3", "%F4%90%80%80", "%00", "a%00b", "%uD800",
        "[]", "[0]", "%5B%5D", "[", "]", "+", "=", "==", ";", "%26", "%3D", "%2F..%2F", "../", "%0D%0A", "%09", "%7F",
        "%22%3E%3Cscript%3E", "'", "\"", "<", "%E2%80%AE", "%EF%BB%BF", "%F0%9F%98%80", "é", "-1", "0", "99999999999999999999",
        "1e9", "0x10", " 1", "getPatrolsWithPeople", "BCDF-GHJK", "renamed",
    ];

    public static TheoryData<StorageMode> Modes() => new(StorageMode.Embedded, StorageMode.Distributed);

    [SkippableTheory]
    [MemberData(nameof(Modes))]
    public async Task Every_hostile_query_piece_on_every_GET_endpoint_is_never_a_5xx(StorageMode mode)
    {
        await using var host = await StartForQueriesAsync(mode);
        var deviceToken = await host.AddDeviceAsync();
        var failures = new List<string>();

        var turn = 0;
        foreach (var (path, names) in GetEndpoints)
        {
            foreach (var piece in HostilePieces.Concat([new string('9', 4000), "x=" + new string('%', 3)]))
            {
                foreach (var query in QueriesWith(names, piece, turn++))
                {
                    await SendGetAsync(host, failures, path.Replace("{code}", piece, StringComparison.Ordinal), query, deviceToken);
                }
            }
        }

        Assert.Empty(failures);
    }

    [SkippableTheory]
    [MemberData(nameof(Modes))]
    public async Task Random_queries_and_path_segments_on_every_GET_endpoint_are_never_a_5xx(StorageMode mode)
    {
        await using var host = await StartForQueriesAsync(mode);
        var deviceToken = await host.AddDeviceAsync();
        var random = new Random(20261201);
        var failures = new List<string>();
        var elapsed = System.Diagnostics.Stopwatch.StartNew();

        for (var i = 0; i < 500; i++)
        {
            var (path, names) = GetEndpoints[random.Next(GetEndpoints.Length)];
            var query = new StringBuilder();
            var count = random.Next(0, 6);
            for (var p = 0; p < count; p++)
            {
                var name = random.Next(3) switch
                {
                    0 when names.Length > 0 => names[random.Next(names.Length)],
                    1 => HostilePieces[random.Next(HostilePieces.Length)],
                    _ => names.Length > 0 ? names[random.Next(names.Length)] + HostilePieces[random.Next(HostilePieces.Length)] : "x",
                };
                var value = string.Concat(Enumerable.Range(0, random.Next(0, 4)).Select(_ => HostilePieces[random.Next(HostilePieces.Length)]));
                if (random.Next(20) == 0)
                {
                    value += new string((char)random.Next('0', 'z'), random.Next(1000, 6000));
                }

                query.Append(query.Length == 0 ? "" : "&").Append(name);
                if (random.Next(6) != 0)
                {
                    query.Append('=').Append(value);
                }
            }

            var segment = string.Concat(Enumerable.Range(0, random.Next(1, 3)).Select(_ => HostilePieces[random.Next(HostilePieces.Length)]));
            await SendGetAsync(host, failures, path.Replace("{code}", segment, StringComparison.Ordinal), query.ToString(), random.Next(2) == 0 ? deviceToken : null);
        }

        Assert.Empty(failures);
        Assert.InRange(elapsed.Elapsed, TimeSpan.Zero, TimeSpan.FromSeconds(60));
    }

    /// <summary>
    /// What the fuzz found: a NUL in a query value reached PostgreSQL (<c>/admin/api/devices?after=%00</c>,
    /// <c>/admin/api/audit?action=%00</c>), which refused it, and the admin API answered 503
    /// <c>store_unavailable</c>, blaming a healthy store for a client's input. Every query is now read by one
    /// strict reader before any endpoint: 400 in the endpoint's shape, and the same reading for the kinds
    /// next to it (a malformed escape, bytes that are not UTF-8, a repeated name).
    /// </summary>
    [SkippableTheory]
    [MemberData(nameof(Modes))]
    public async Task A_query_the_gateway_cannot_read_is_a_400_in_the_endpoints_shape_before_any_store(StorageMode mode)
    {
        await using var host = await StartForQueriesAsync(mode);
        string[] unreadable = ["after=%00", "after=a%0Ab", "after=%ED%A0%80", "after=%FF", "after=%zz", "after=%E", "limit=1&LIMIT=2", "=1"];

        foreach (var query in unreadable)
        {
            var admin = await RawGetAsync(host, "/admin/api/devices", query, null);
            Assert.True(admin.Status == 400, $"{query}: HTTP {admin.Status} {admin.Body}");
            Assert.Equal("invalid_request", JsonDocument.Parse(admin.Body).RootElement.GetProperty("error").GetString());
        }

        var audit = await RawGetAsync(host, "/admin/api/audit", "action=%00", null);
        var page = await RawGetAsync(host, "/device", "user_code=%ED%A0%80", null);
        var readable = await RawGetAsync(host, "/admin/api/devices", "limit=5&after=%C3%A9+x", null);

        Assert.Equal(400, audit.Status);
        Assert.Equal("invalid_request", JsonDocument.Parse(audit.Body).RootElement.GetProperty("error").GetString());
        Assert.Equal(400, page.Status);
        Assert.StartsWith("text/plain", page.ContentType, StringComparison.Ordinal);
        Assert.DoesNotContain("%ED", page.Body, StringComparison.Ordinal);
        Assert.Equal(200, readable.Status);
    }

    private static async Task<PatrolsTestHost> StartForQueriesAsync(StorageMode mode)
    {
        var host = await PatrolsTestHost.StartAsync(mode, settings: AdminClient.Settings(new Dictionary<string, string?>
        {
            ["Tools:Clients:fuzz:KeySha256"] = PatrolScores.Gateway.Security.ApiKeyHashes.Compute(ToolKey),
            ["Tools:Clients:fuzz:OsmUserId"] = "100001",
            ["Tools:Clients:fuzz:HourlyBudget"] = "100000",
            ["Tools:Clients:fuzz:Allow:0:Path"] = "/ext/members/patrols/",
            ["Tools:Clients:fuzz:Allow:0:Actions:0"] = "getPatrolsWithPeople",
            ["Tools:Clients:fuzz:Allow:1:Path"] = "/oauth/resource",
            ["Admin:RequestsPerMinute"] = "10000",
        }));
        host.TreatAsSecret(AdminClient.Key);
        host.TreatAsSecret(ToolKey);
        return host;
    }

    // The piece as the value of each name, and in turn (so each form meets every piece on some endpoints)
    // as a name, after a first value of the same name, or in a PHP-style array key.
    private static IEnumerable<string> QueriesWith(string[] names, string piece, int turn)
    {
        var first = names.Length > 0 ? names[0] : "x";
        foreach (var name in names.DefaultIfEmpty("x"))
        {
            yield return $"{name}={piece}";
        }

        yield return (turn % 3) switch
        {
            0 => $"{piece}=1",
            1 => $"{first}=1&{first}={piece}",
            _ => $"{first}[]={piece}",
        };
    }

    private static async Task SendGetAsync(PatrolsTestHost host, List<string> failures, string path, string query, string? deviceToken)
    {
        if (await RawGetAsync(host, path, query, deviceToken) is { Status: >= 500 } answer)
        {
            failures.Add($"GET {path}?{(query.Length > 200 ? query[..200] + "..." : query)}: HTTP {answer.Status} {answer.Body}");
        }
    }

    // The admin API with the operator's key, /osm with the tool's, anything else with the device token if given.
    private static async Task<(int Status, string? ContentType, string Body)> RawGetAsync(PatrolsTestHost host, string path, string query, string? deviceToken)
    {
        PathString decoded;
        try
        {
            decoded = PathString.FromUriComponent(path);
        }
        catch (InvalidOperationException)
        {
            // A NUL in the path: Kestrel's decoder (the same one) refuses the request line with a 400 first.
            return (400, null, "");
        }

        var answered = await host.SendRawAsync(context =>
        {
            context.Request.Method = HttpMethods.Get;
            context.Request.Path = decoded;
            context.Request.QueryString = query.Length == 0 ? QueryString.Empty : new QueryString("?" + query);
            if (path.StartsWith("/admin/api", StringComparison.Ordinal))
            {
                context.Request.Headers["X-Api-Key"] = AdminClient.Key;
            }
            else if (path.StartsWith("/osm/", StringComparison.Ordinal))
            {
                context.Request.Headers["X-Api-Key"] = ToolKey;
            }
            else if (deviceToken is not null)
            {
                context.Request.Headers.Authorization = $"Bearer {deviceToken}";
            }
        });
        using var reader = new StreamReader(answered.Response.Body);
        return (answered.Response.StatusCode, answered.Response.ContentType, await reader.ReadToEndAsync());
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
