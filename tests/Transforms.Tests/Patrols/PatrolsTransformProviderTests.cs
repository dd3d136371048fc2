using System.Net;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
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
    [InlineData("osm", true)]
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
    [InlineData("patrols", true)]
    [InlineData("osm", false)]
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
    public async Task Through_yarps_transform_builder_a_patrols_route_calls_osm_and_keeps_its_answer()
    {
        await using var services = new ServiceCollection()
            .AddLogging()
            .AddReverseProxy()
            .AddTransforms<PatrolsTransformProvider>()
            .Services.BuildServiceProvider();
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
        proxyResponse.Headers.TryAddWithoutValidation("X-RateLimit-Remaining", "990");
        proxyResponse.Headers.TryAddWithoutValidation("Set-Cookie", "osm_session=abc");

        var copyBody = await transformer.TransformResponseAsync(httpContext, proxyResponse, CancellationToken.None);

        Assert.False(copyBody);
        Assert.Empty(httpContext.Response.Headers);
        var outcome = Assert.IsType<PatrolFetchOutcome>(httpContext.Features.Get<PatrolFetchOutcome>());
        Assert.Equal(990, outcome.Signals.Remaining);
        Assert.Equal(2, outcome.Payload?.Patrols.Count);
    }

    private static RouteConfig Route(string? kind) => new()
    {
        RouteId = "route-1",
        ClusterId = "osm",
        Match = new RouteMatch { Path = "/api/v1/patrols" },
        Metadata = kind is null ? null : new Dictionary<string, string> { [RouteMetadataKeys.Kind] = kind },
    };

    private static ServiceProvider EmptyServices() => new ServiceCollection().BuildServiceProvider();
}
