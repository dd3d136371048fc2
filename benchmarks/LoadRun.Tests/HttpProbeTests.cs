using System.Text;

namespace PatrolScores.LoadRun.Tests;

public sealed class HttpProbeTests
{
    private const string Body = """{"patrols":[],"from_cache":true}""";

    private static ProbeResponse Response(string headers, string body = Body) =>
        HttpProbe.Parse(Encoding.Latin1.GetBytes($"HTTP/1.1 200 OK\r\n{headers}\r\n\r\n{body}"));

    [Fact]
    public void Parse_reads_status_headers_in_order_and_body()
    {
        var response = Response($"Content-Length: {Body.Length}\r\nContent-Type: application/json; charset=utf-8\r\nX-Cache: HIT\r\nConnection: close");

        Assert.Equal(200, response.Status);
        Assert.Equal(["Content-Length", "Content-Type", "X-Cache", "Connection"], response.Headers.Select(h => h.Key));
        Assert.Equal(Body, Encoding.UTF8.GetString(response.Body));
        Assert.True(response.IsHit);
        Assert.Equal(["Content-Type", "X-Cache"], response.ContentHeaders.Select(h => h.Key));
    }

    [Fact]
    public void Parse_decodes_a_chunked_body()
    {
        var response = Response("Transfer-Encoding: chunked", $"a\r\n{Body[..10]}\r\n{Body.Length - 10:x}\r\n{Body[10..]}\r\n0\r\n\r\n");

        Assert.True(response.IsChunked);
        Assert.Equal(Body, Encoding.UTF8.GetString(response.Body));
    }

    [Fact]
    public void A_miss_is_not_a_hit()
    {
        Assert.False(Response("X-Cache: MISS").IsHit);
        Assert.False(Response("Content-Type: application/json").IsHit);
    }

    [Fact]
    public void Responses_that_differ_only_in_date_and_connection_are_the_same_bytes()
    {
        var first = Response("Date: Mon, 23 Nov 2026 14:30:00 GMT\r\nX-Cache: HIT\r\nConnection: close");
        var second = Response("Date: Mon, 23 Nov 2026 14:30:01 GMT\r\nX-Cache: HIT");

        Assert.Null(first.DescribeDifference(second));
        Assert.NotNull(first.DescribeDifference(Response("X-Cache: HIT\r\nServer: Kestrel")));
        Assert.NotNull(first.DescribeDifference(Response("X-Cache: HIT", Body + " ")));
    }
}
