using System.Net;
using System.Xml.Linq;
using PatrolScores.Gateway.IntegrationTests.Infrastructure;
using PatrolScores.Gateway.Storage;

namespace PatrolScores.Gateway.IntegrationTests.Board;

/// <summary>
/// <c>/board</c> and its files over HTTP: the strict security headers on each, nothing inline in the page, and the
/// pairing QR code (a valid SVG for a user code only; anything else 400 <c>invalid_request</c>).
/// </summary>
public sealed class BoardPageTests
{
    private const string Policy = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    [Theory]
    [InlineData("/board", "text/html")]
    [InlineData("/board/board.js", "text/javascript")]
    [InlineData("/board/board.css", "text/css")]
    [InlineData("/board/qr.svg?code=BCDF-GHJK", "image/svg+xml")]
    public async Task The_page_and_its_files_carry_the_strict_headers(string path, string mediaType)
    {
        await using var host = await PatrolsTestHost.StartAsync(StorageMode.Embedded);
        using var client = host.CreateClient();

        using var response = await client.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(mediaType, response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(Policy, Assert.Single(response.Headers.GetValues("Content-Security-Policy")));
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal("no-referrer", Assert.Single(response.Headers.GetValues("Referrer-Policy")));
    }

    [Fact]
    public async Task The_page_has_no_inline_script_or_style_and_names_no_other_origin()
    {
        await using var host = await PatrolsTestHost.StartAsync(StorageMode.Embedded);
        using var client = host.CreateClient();

        var html = await client.GetStringAsync("/board");

        Assert.Contains("<script src=\"/board/board.js\" defer></script>", html, StringComparison.Ordinal);
        Assert.Contains("<link rel=\"stylesheet\" href=\"/board/board.css\">", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<style", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(" style=", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(" on", html.Replace(" one", "", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.DoesNotContain("http", html, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>The QR endpoint needs no credential: it is bounded per address like asking for codes (twice 6 a minute by default).</summary>
    [Fact]
    public async Task Qr_codes_are_limited_per_address_with_the_rate_limit_fields()
    {
        await using var host = await PatrolsTestHost.StartAsync(StorageMode.Embedded);
        using var client = host.CreateClient();

        var statuses = new List<HttpStatusCode>();
        HttpResponseMessage? last = null;
        for (var i = 0; i < 13; i++)
        {
            last?.Dispose();
            last = await client.GetAsync("/board/qr.svg?code=BCDF-GHJK");
            statuses.Add(last.StatusCode);
        }

        using var refused = last!;
        Assert.Equal(Enumerable.Repeat(HttpStatusCode.OK, 12).Append(HttpStatusCode.TooManyRequests), statuses);
        Assert.Contains("rate_limited", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.NotNull(refused.Headers.RetryAfter);
        Assert.Equal("\"board-qr-code\";q=12;w=60", Assert.Single(refused.Headers.GetValues("RateLimit-Policy")));
    }

    [Fact]
    public async Task The_qr_code_is_an_svg_of_the_short_verification_link()
    {
        await using var host = await PatrolsTestHost.StartAsync(StorageMode.Embedded);
        using var client = host.CreateClient();

        using var response = await client.GetAsync("/board/qr.svg?code=bcdf%20ghjk");
        var svg = XDocument.Parse(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(XName.Get("svg", "http://www.w3.org/2000/svg"), svg.Root!.Name);
        Assert.NotNull(svg.Root.Attribute("viewBox"));
        Assert.Contains("no-store", response.Headers.CacheControl!.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/board/qr.svg")]
    [InlineData("/board/qr.svg?code=")]
    [InlineData("/board/qr.svg?code=AEIO-UAEI")]
    [InlineData("/board/qr.svg?code=BCDF-GHJKL")]
    [InlineData("/board/qr.svg?code=https%3A%2F%2Fexample.com")]
    [InlineData("/board/qr.svg?code=BCDF-GHJK&code=BCDF-GHJK")]
    public async Task Anything_but_a_user_code_is_refused(string path)
    {
        await using var host = await PatrolsTestHost.StartAsync(StorageMode.Embedded);
        using var client = host.CreateClient();

        using var response = await client.GetAsync(path);
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("\"error\":\"invalid_request\"", body, StringComparison.Ordinal);
        Assert.Equal(Policy, Assert.Single(response.Headers.GetValues("Content-Security-Policy")));
    }
}
