using System.Diagnostics.Metrics;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using PatrolScores.Gateway.Telemetry;

namespace PatrolScores.Gateway.Tests.Telemetry;

/// <summary>
/// The request metrics sit in front of the cache-hit path: timing, labelling and recording a request
/// answered synchronously (as a hit is) allocates nothing, with a listener recording every measurement.
/// </summary>
public sealed class RequestMetricsAllocationTests
{
    [Fact]
    public async Task Recording_a_cache_hit_allocates_nothing()
    {
        using var services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        var metrics = new HttpRequestMetrics(services.GetRequiredService<IMeterFactory>());
        var recorded = 0;
        string? route = null;
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == GatewayMetrics.MeterName)
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<double>((_, _, tags, _) =>
        {
            recorded++;
            foreach (var tag in tags)
            {
                if (tag.Key == "route")
                {
                    route = (string?)tag.Value;
                }
            }
        });
        listener.Start();

        var middleware = new RequestMetricsMiddleware(AnswerLikeACacheHit, metrics, TimeProvider.System);
        var context = new DefaultHttpContext();
        await middleware.InvokeAsync(context); // first use: the context's feature table, the label cache

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 1000; i++)
        {
            await middleware.InvokeAsync(context);
        }

        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(0, allocated);
        Assert.Equal(1001, recorded);
        Assert.Equal("patrols", route);
    }

    private static Task AnswerLikeACacheHit(HttpContext context)
    {
        RequestRoute.Set(context, "patrols");
        RequestAuthKinds.Set(context, RequestAuthKinds.Device);
        context.Response.StatusCode = StatusCodes.Status200OK;
        return Task.CompletedTask;
    }
}
