using System.Diagnostics.Metrics;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using PatrolScores.Gateway.Telemetry;

namespace PatrolScores.Gateway.Tests.Telemetry;

/// <summary>
/// Recording a request allocates nothing, with a listener recording every measurement: a cache hit
/// (recorded by the hit path itself) and a request the middleware times and labels.
/// </summary>
public sealed class RequestMetricsAllocationTests
{
    [Fact]
    public void Recording_a_cache_hit_allocates_nothing()
    {
        using var services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        var metrics = new HttpRequestMetrics(services.GetRequiredService<IMeterFactory>());
        var recorded = 0;
        var labelled = 0;
        using var listener = ListenToGateway((_, _, tags, _) =>
        {
            recorded++;
            if (tags.Length == 3 && (string?)tags[0].Value == "patrols" && tags[1].Value is 200 && (string?)tags[2].Value == RequestAuthKinds.Device)
            {
                labelled++;
            }
        });
        metrics.RecordCacheHit("patrols", TimeSpan.FromMilliseconds(0.2)); // first use builds the labels

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 1000; i++)
        {
            metrics.RecordCacheHit("patrols", TimeSpan.FromMilliseconds(0.2));
        }

        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(0, allocated);
        Assert.Equal(1001, recorded);
        Assert.Equal(1001, labelled);
    }

    [Fact]
    public async Task Recording_a_request_the_middleware_times_allocates_nothing()
    {
        using var services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        var metrics = new HttpRequestMetrics(services.GetRequiredService<IMeterFactory>());
        var recorded = 0;
        string? route = null;
        using var listener = ListenToGateway((_, _, tags, _) =>
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
        Assert.Equal("unmatched", route);
    }

    private static Task AnswerLikeACacheHit(HttpContext context)
    {
        RequestAuthKinds.Set(context, RequestAuthKinds.Device);
        context.Response.StatusCode = StatusCodes.Status200OK;
        return Task.CompletedTask;
    }

    private static MeterListener ListenToGateway(MeasurementCallback<double> callback)
    {
        var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == GatewayMetrics.MeterName)
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback(callback);
        listener.Start();
        return listener;
    }
}
