using PatrolScores.Gateway.Tools;
using Yarp.ReverseProxy.Configuration;

namespace PatrolScores.Gateway.Tests.Tools;

public sealed class ToolRouteFilterTests
{
    private readonly ToolRouteFilter _filter = new();

    [Fact]
    public async Task A_passthrough_route_always_gets_the_tool_budget()
    {
        var route = await _filter.ConfigureRouteAsync(Route("osm", rateLimiter: "none"), null, default);

        Assert.Equal(ToolsExtensions.BudgetPolicy, route.RateLimiterPolicy);
        Assert.Null(route.OutputCachePolicy);
    }

    [Theory]
    [InlineData("true", ToolsExtensions.CachePolicy)]
    [InlineData("True", ToolsExtensions.CachePolicy)]
    [InlineData("false", null)]
    public async Task Cache_metadata_opts_into_the_tool_cache(string value, string? expected)
    {
        var route = await _filter.ConfigureRouteAsync(Route("osm", cache: value), null, default);

        Assert.Equal(expected, route.OutputCachePolicy);
    }

    [Fact]
    public async Task Bad_cache_metadata_and_a_route_to_osm_without_a_kind_are_refused()
    {
        await Assert.ThrowsAsync<InvalidOperationException>(() => _filter.ConfigureRouteAsync(Route("osm", cache: "maybe"), null, default).AsTask());
        await Assert.ThrowsAsync<InvalidOperationException>(() => _filter.ConfigureRouteAsync(Route(null), null, default).AsTask());
    }

    [Fact]
    public async Task Routes_to_other_clusters_are_left_alone()
    {
        var route = Route(null) with { ClusterId = "elsewhere" };

        Assert.Same(route, await _filter.ConfigureRouteAsync(route, null, default));
    }

    private static RouteConfig Route(string? kind, string? cache = null, string? rateLimiter = null)
    {
        var metadata = new Dictionary<string, string>();
        if (kind is not null)
        {
            metadata["PatrolScores.Kind"] = kind;
        }

        if (cache is not null)
        {
            metadata["PatrolScores.Cache"] = cache;
        }

        return new RouteConfig
        {
            RouteId = "tools",
            ClusterId = "osm",
            Match = new RouteMatch { Path = "/osm/{**path}" },
            RateLimiterPolicy = rateLimiter,
            Metadata = metadata,
        };
    }
}
