using Microsoft.AspNetCore.Http;
using PatrolScores.Transforms.Patrols;
using PatrolScores.Transforms.Upstream;
using Yarp.ReverseProxy.Forwarder;
using Yarp.ReverseProxy.Transforms;

namespace PatrolScores.Transforms.Tests.Patrols;

public sealed class PatrolsRequestTransformTests
{
    private const string DestinationPrefix = "https://osm.example/";
    private const string OsmToken = "osm-access-token-123";

    [Fact]
    public async Task Rewrites_the_device_request_into_the_osm_patrols_call()
    {
        var (context, proxyRequest) = CreateContext(new OsmCallContext { UserId = 100001, SectionId = 10001, TermId = 50001, AccessToken = OsmToken });

        await new PatrolsRequestTransform().ApplyAsync(context);

        Assert.Equal(
            "https://osm.example/ext/members/patrols/?action=getPatrolsWithPeople&sectionid=10001&termid=50001&include_no_patrol=y",
            BuildUri(context).AbsoluteUri);
        Assert.Equal(HttpMethod.Get, proxyRequest.Method);
        Assert.Equal(["Bearer " + OsmToken], proxyRequest.Headers.GetValues("Authorization"));
        Assert.False(proxyRequest.Headers.Contains("Cookie"));
        Assert.Equal(["application/json"], proxyRequest.Headers.GetValues("Accept"));
        Assert.Equal(["identity"], proxyRequest.Headers.GetValues("Accept-Encoding"));
        Assert.True(proxyRequest.Options.TryGetValue(OsmRequestOptions.UserId, out var userId));
        Assert.Equal(100001, userId);
        // Headers the transform does not own are left alone.
        Assert.Equal(["scoreboard/1.0"], proxyRequest.Headers.GetValues("User-Agent"));
    }

    [Fact]
    public async Task Without_copied_headers_the_device_credential_still_never_reaches_osm()
    {
        var (context, proxyRequest) = CreateContext(
            new OsmCallContext { UserId = 1, SectionId = 2, TermId = 3, AccessToken = OsmToken }, headersCopied: false);

        await new PatrolsRequestTransform().ApplyAsync(context);

        Assert.Equal(["Bearer " + OsmToken], proxyRequest.Headers.GetValues("Authorization"));
        Assert.False(proxyRequest.Headers.Contains("Cookie"));
    }

    [Fact]
    public async Task Missing_call_context_is_a_programming_error()
    {
        var (context, _) = CreateContext(call: null);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => new PatrolsRequestTransform().ApplyAsync(context).AsTask());
        Assert.Contains(nameof(OsmCallContext), error.Message);
    }

    [Theory]
    [InlineData(0, 50001, "SectionId")]
    [InlineData(-1, 50001, "SectionId")]
    [InlineData(10001, 0, "TermId")]
    [InlineData(10001, -7, "TermId")]
    public async Task Ids_that_are_not_positive_are_refused_before_sending(long sectionId, long termId, string field)
    {
        var (context, proxyRequest) = CreateContext(new OsmCallContext { UserId = 1, SectionId = sectionId, TermId = termId, AccessToken = OsmToken });

        var error = await Assert.ThrowsAsync<InvalidUpstreamRequestException>(() => new PatrolsRequestTransform().ApplyAsync(context).AsTask());

        Assert.Contains(field, error.Message);
        Assert.DoesNotContain(OsmToken, error.Message);
        Assert.Null(proxyRequest.RequestUri);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("secret\r\nX-Injected: 1")]
    [InlineData("secret token")]
    [InlineData("secrét")]
    public async Task Unusable_tokens_are_refused_without_being_quoted(string token)
    {
        var (context, _) = CreateContext(new OsmCallContext { UserId = 1, SectionId = 2, TermId = 3, AccessToken = token });

        var error = await Assert.ThrowsAsync<InvalidUpstreamRequestException>(() => new PatrolsRequestTransform().ApplyAsync(context).AsTask());

        Assert.Contains("AccessToken", error.Message);
        Assert.DoesNotContain("secret", error.Message);
    }

    private static (RequestTransformContext Context, HttpRequestMessage ProxyRequest) CreateContext(OsmCallContext? call, bool headersCopied = true)
    {
        var httpContext = new DefaultHttpContext();
        httpContext.Request.Method = HttpMethods.Post;
        httpContext.Request.Path = "/api/v1/patrols";
        httpContext.Request.QueryString = new QueryString("?sectionid=999&termid=888&debug=1");
        httpContext.Request.Headers.Authorization = "Bearer device-token";
        httpContext.Request.Headers.Cookie = "session=device-cookie";
        if (call is not null)
        {
            httpContext.Features.Set(call);
        }

        // What YARP's header copy would have produced from the device's request.
        var proxyRequest = new HttpRequestMessage(HttpMethod.Post, (Uri?)null);
        if (headersCopied)
        {
            proxyRequest.Headers.TryAddWithoutValidation("Authorization", "Bearer device-token");
            proxyRequest.Headers.TryAddWithoutValidation("Cookie", "session=device-cookie");
            proxyRequest.Headers.TryAddWithoutValidation("Accept", "text/html");
            proxyRequest.Headers.TryAddWithoutValidation("Accept-Encoding", "gzip, br");
            proxyRequest.Headers.TryAddWithoutValidation("User-Agent", "scoreboard/1.0");
        }

        var context = new RequestTransformContext
        {
            HttpContext = httpContext,
            ProxyRequest = proxyRequest,
            Path = httpContext.Request.Path,
            DestinationPrefix = DestinationPrefix,
            HeadersCopied = headersCopied,
        };
        return (context, proxyRequest);
    }

    // How YARP's transformer turns the context into the outgoing URI.
    private static Uri BuildUri(RequestTransformContext context) =>
        RequestUtilities.MakeDestinationAddress(context.DestinationPrefix, context.Path, context.Query.QueryString);
}
