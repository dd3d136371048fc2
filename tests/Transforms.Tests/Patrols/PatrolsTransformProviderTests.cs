using System.Net;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using PatrolScores.Transforms.Passthrough;
using PatrolScores.Transforms.Patrols;
using PatrolScores.Transforms.Routing;
using PatrolScores.Transforms.Upstream;
using Yarp.ReverseProxy.Configuration;
using Yarp.ReverseProxy.Transforms.Builder;

namespace PatrolScores.Transforms.Tests.Patrols;

public sealed class PatrolsTransformProviderTests
{
    [Theory]
    [InlineData(null, true)]
    [InlineData("patrols", true)]
    [InlineData("Patrols", true)]
    [InlineData("patrol", false)]
    [InlineData("devices", false)]
    [InlineData("", false)]
    public void Validation_rejects_unknown_kinds(string? kind, bool valid)
    {
        var context = new TransformRouteValidationContext { Services = EmptyServices(), Route = Route(kind) };

        new PatrolsTransformProvider().ValidateRoute(context);

        if (valid)
        {
            Assert.Empty(context.Errors);
        }
        else
        {
            var error = Assert.Single(context.Errors);
            Assert.Contains("route-1", error.Message);
            Assert.Contains(RouteMetadataKeys.Kind, error.Message);
        }
    }

    [Fact]
    public void Clusters_are_not_validated()
    {
        var context = new TransformClusterValidationContext { Services = EmptyServices(), Cluster = new ClusterConfig { ClusterId = "osm" } };

        new PatrolsTransformProvider().ValidateCluster(context);

        Assert.Empty(context.Errors);
    }

    [Theory]
    [InlineData("/osm/{**path}", true)]
    [InlineData("/tools/osm/{**path}", true)]
    [InlineData("/api/v1/patrols", false)]
    [InlineData("/osm/{*path}", false)]
    [InlineData("/osm/{**rest}", false)]
    public void An_osm_passthrough_route_must_end_in_the_path_catch_all(string path, bool valid)
    {
        var route = Route(RouteMetadataKeys.OsmKind) with { Match = new RouteMatch { Path = path } };
        var context = new TransformRouteValidationContext { Services = EmptyServices(), Route = route };

        new PatrolsTransformProvider().ValidateRoute(context);

        Assert.Equal(valid, context.Errors.Count == 0);
    }

    [Theory]
    [InlineData("patrols", true)]
    [InlineData(null, false)]
    public void Only_patrols_routes_get_the_patrols_transforms(string? kind, bool expected)
    {
        var context = new TransformBuilderContext { Services = EmptyServices(), Route = Route(kind) };

        new PatrolsTransformProvider().Apply(context);

        if (expected)
        {
            Assert.IsType<PatrolsRequestTransform>(Assert.Single(context.RequestTransforms));
            Assert.IsType<PatrolsResponseTransform>(Assert.Single(context.ResponseTransforms));
            Assert.False(context.CopyRequestHeaders);
            Assert.False(context.UseDefaultForwarders);
        }
        else
        {
            Assert.Empty(context.RequestTransforms);
            Assert.Empty(context.ResponseTransforms);
        }
    }

    [Fact]
    public async Task Through_yarps_transform_builder_a_passthrough_route_forwards_path_and_query_as_the_bound_user_only()
    {
        await using var services = ProxyServices();
        var builder = services.GetRequiredService<ITransformBuilder>();
        var route = Route(RouteMetadataKeys.OsmKind) with { Match = new RouteMatch { Path = "/osm/{**path}" } };
        Assert.Empty(builder.ValidateRoute(route));
        var transformer = builder.Build(route, cluster: null);

        var httpContext = new DefaultHttpContext();
        httpContext.Request.Method = HttpMethods.Get;
        httpContext.Request.Path = "/osm/ext/members/patrols/";
        httpContext.Request.RouteValues["path"] = "ext/members/patrols/";
        httpContext.Request.QueryString = new QueryString("?action=getPatrolsWithPeople&sectionid=10001");
        httpContext.Request.Headers["X-Api-Key"] = "tool-key";
        httpContext.Request.Headers.Authorization = "Bearer tool-supplied";
        httpContext.Request.Headers.Cookie = "session=tool";
        httpContext.Request.Headers.Accept = "application/json";
        httpContext.Features.Set(new OsmPassthroughContext { UserId = 100001, AccessToken = "osm-token" });
        using var proxyRequest = new HttpRequestMessage();

        await transformer.TransformRequestAsync(httpContext, proxyRequest, "https://osm.example", CancellationToken.None);

        Assert.Equal("https://osm.example/ext/members/patrols/?action=getPatrolsWithPeople&sectionid=10001", proxyRequest.RequestUri?.AbsoluteUri);
        Assert.Equal(["Bearer osm-token"], proxyRequest.Headers.GetValues("Authorization"));
        Assert.Equal(["application/json"], proxyRequest.Headers.GetValues("Accept"));
        Assert.False(proxyRequest.Headers.Contains("X-Api-Key"));
        Assert.False(proxyRequest.Headers.Contains("Cookie"));
        Assert.DoesNotContain(proxyRequest.Headers, h => h.Key.StartsWith("X-Forwarded", StringComparison.OrdinalIgnoreCase));
        Assert.True(proxyRequest.Options.TryGetValue(OsmRequestOptions.UserId, out var userId));
        Assert.Equal(100001, userId);
        Assert.Contains("***", new OsmPassthroughContext { UserId = 1, AccessToken = "secret-token" }.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("secret-token", new OsmPassthroughContext { UserId = 1, AccessToken = "secret-token" }.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Through_yarps_transform_builder_a_patrols_route_calls_osm_and_keeps_its_answer()
    {
        await using var services = ProxyServices();
        var builder = services.GetRequiredService<ITransformBuilder>();
        var route = Route(RouteMetadataKeys.PatrolsKind);
        Assert.Empty(builder.ValidateRoute(route));
        var transformer = builder.Build(route, cluster: null);

        var httpContext = new DefaultHttpContext();
        httpContext.Request.Method = HttpMethods.Get;
        httpContext.Request.Path = "/api/v1/patrols";
        httpContext.Request.QueryString = new QueryString("?sectionid=1");
        httpContext.Request.Headers.Authorization = "Bearer device-token";
        httpContext.Request.Headers.Cookie = "session=device";
        httpContext.Features.Set(new OsmCallContext { UserId = 100001, SectionId = 10001, TermId = 50001, AccessToken = "osm-token" });
        using var proxyRequest = new HttpRequestMessage();

        await transformer.TransformRequestAsync(httpContext, proxyRequest, "https://osm.example", CancellationToken.None);

        Assert.Equal(
            "https://osm.example/ext/members/patrols/?action=getPatrolsWithPeople&sectionid=10001&termid=50001&include_no_patrol=y",
            proxyRequest.RequestUri?.AbsoluteUri);
        Assert.Equal(["Bearer osm-token"], proxyRequest.Headers.GetValues("Authorization"));
        Assert.False(proxyRequest.Headers.Contains("Cookie"));

        using var proxyResponse = new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(OsmPayloads.Example, Encoding.UTF8, "application/json") };
        proxyResponse.Headers.TryAddWithoutValidation("Set-Cookie", "osm_session=abc");

        // The gateway's guard reads the limit headers and leaves its reading on the request.
        proxyResponse.RequestMessage = proxyRequest;
        proxyRequest.Options.Set(OsmRequestOptions.Signals, new UpstreamSignals(200, 1000, 990, 3540, null, false, null));

        var copyBody = await transformer.TransformResponseAsync(httpContext, proxyResponse, CancellationToken.None);

        Assert.False(copyBody);
        Assert.Empty(httpContext.Response.Headers);
        var outcome = Assert.IsType<PatrolFetchOutcome>(httpContext.Features.Get<PatrolFetchOutcome>());
        Assert.Equal(990, outcome.Signals?.Remaining);
        Assert.Equal(2, outcome.Payload?.Patrols.Count);
    }

    private static RouteConfig Route(string? kind) => new()
    {
        RouteId = "route-1",
        ClusterId = "osm",
        Match = new RouteMatch { Path = "/api/v1/patrols" },
        Metadata = kind is null ? null : new Dictionary<string, string> { [RouteMetadataKeys.Kind] = kind },
    };

    private static ServiceProvider ProxyServices() => new ServiceCollection()
        .AddLogging()
        .AddReverseProxy()
        .AddTransforms<PatrolsTransformProvider>()
        .Services.BuildServiceProvider();

    private static ServiceProvider EmptyServices() => new ServiceCollection().BuildServiceProvider();
}
