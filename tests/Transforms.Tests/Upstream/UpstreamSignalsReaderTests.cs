using System.Net;
using Microsoft.Extensions.Time.Testing;
using PatrolScores.Transforms.Upstream;

namespace PatrolScores.Transforms.Tests.Upstream;

public sealed class UpstreamSignalsReaderTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 14, 30, 0, TimeSpan.Zero);

    public static TheoryData<int, string[], UpstreamSignals> Cases => new()
    {
        { 200, [], new UpstreamSignals(200, null, null, null, null, false, null) },
        {
            200,
            ["X-RateLimit-Limit: 1000", "X-RateLimit-Remaining: 990", "X-RateLimit-Reset: 3540"],
            new UpstreamSignals(200, 1000, 990, 3540, null, false, null)
        },
        // Missing or unreadable Remaining is UNKNOWN (null), never zero.
        { 200, ["X-RateLimit-Limit: 1000", "X-RateLimit-Reset: 3540"], new UpstreamSignals(200, 1000, null, 3540, null, false, null) },
        { 200, ["X-RateLimit-Remaining: abc"], new UpstreamSignals(200, null, null, null, null, false, null) },
        { 200, ["X-RateLimit-Remaining: -1"], new UpstreamSignals(200, null, null, null, null, false, null) },
        { 200, ["X-RateLimit-Remaining: 4.5"], new UpstreamSignals(200, null, null, null, null, false, null) },
        { 200, ["X-RateLimit-Remaining: "], new UpstreamSignals(200, null, null, null, null, false, null) },
        { 200, ["X-RateLimit-Remaining: 99999999999"], new UpstreamSignals(200, null, null, null, null, false, null) },
        { 200, ["X-RateLimit-Remaining: 0"], new UpstreamSignals(200, null, 0, null, null, false, null) },
        { 200, ["x-ratelimit-remaining:  12 "], new UpstreamSignals(200, null, 12, null, null, false, null) },
        // 429 with Retry-After as seconds or as an HTTP date (90 s after Now; a past date is 0).
        { 429, ["Retry-After: 120", "X-RateLimit-Remaining: 0"], new UpstreamSignals(429, null, 0, null, 120, false, null) },
        { 429, ["Retry-After: Mon, 23 Nov 2026 14:31:30 GMT"], new UpstreamSignals(429, null, null, null, 90, false, null) },
        { 429, ["Retry-After: Mon, 23 Nov 2026 14:00:00 GMT"], new UpstreamSignals(429, null, null, null, 0, false, null) },
        { 429, ["Retry-After: soon"], new UpstreamSignals(429, null, null, null, null, false, null) },
        // X-Blocked with any value, on a success as on a refusal.
        { 200, ["X-Blocked: 1"], new UpstreamSignals(200, null, null, null, null, true, null) },
        { 403, ["X-Blocked: "], new UpstreamSignals(403, null, null, null, null, true, null) },
        { 403, ["X-Blocked: true", "X-RateLimit-Remaining: 5"], new UpstreamSignals(403, null, 5, null, null, true, null) },
        // X-Deprecated raw, trimmed, cut to 64 characters.
        { 200, ["X-Deprecated:   2027-01-31  "], new UpstreamSignals(200, null, null, null, null, false, "2027-01-31") },
        { 200, ["X-Deprecated: " + new string('d', 100)], new UpstreamSignals(200, null, null, null, null, false, new string('d', 64)) },
        { 500, [], new UpstreamSignals(500, null, null, null, null, false, null) },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Reads_osm_signals(int status, string[] headers, UpstreamSignals expected)
    {
        using var response = new HttpResponseMessage((HttpStatusCode)status) { Content = new StringContent("{}") };
        foreach (var header in headers)
        {
            var colon = header.IndexOf(':');
            Assert.True(response.Headers.TryAddWithoutValidation(header[..colon], header[(colon + 1)..].Trim()));
        }

        Assert.Equal(expected, UpstreamSignalsReader.Read(response, new FakeTimeProvider(Now)));
    }

    [Fact]
    public void Signals_filed_under_content_headers_are_read_too()
    {
        using var response = new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent("{}") };
        response.Content.Headers.TryAddWithoutValidation("X-RateLimit-Remaining", "42");
        response.Content.Headers.TryAddWithoutValidation("X-Blocked", "1");
        response.Content.Headers.TryAddWithoutValidation("X-Deprecated", "2027-01-31");

        var signals = UpstreamSignalsReader.Read(response, new FakeTimeProvider(Now));

        Assert.Equal(42, signals.Remaining);
        Assert.True(signals.Blocked);
        Assert.Equal("2027-01-31", signals.Deprecated);
    }

    [Fact]
    public void A_repeated_header_uses_its_first_value()
    {
        using var response = new HttpResponseMessage(HttpStatusCode.OK);
        response.Headers.TryAddWithoutValidation("X-RateLimit-Remaining", ["7", "9"]);

        Assert.Equal(7, UpstreamSignalsReader.Read(response, new FakeTimeProvider(Now)).Remaining);
    }
}
