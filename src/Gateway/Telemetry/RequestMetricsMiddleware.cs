using Yarp.ReverseProxy.Model;

namespace PatrolScores.Gateway.Telemetry;

/// <summary>
/// First in the pipeline: times every request and records it once the rest of the pipeline has
/// answered, when the route, status and authentication kind are known. Only reads what earlier steps
/// left on the context, so the cache-hit path pays a timestamp and one histogram update.
/// </summary>
internal sealed class RequestMetricsMiddleware(RequestDelegate next, HttpRequestMetrics metrics, TimeProvider time)
{
    public const string Unmatched = "unmatched";

    public Task InvokeAsync(HttpContext context)
    {
        var started = time.GetTimestamp();
        Task answered;
        try
        {
            answered = next(context);
        }
        catch
        {
            Record(context, started, failed: true);
            throw;
        }

        // A cache hit usually completes synchronously: recorded here, with no async state machine.
        if (answered.IsCompletedSuccessfully)
        {
            Record(context, started, failed: false);
            return Task.CompletedTask;
        }

        return RecordWhenDoneAsync(answered, context, started);
    }

    private async Task RecordWhenDoneAsync(Task answered, HttpContext context, long started)
    {
        var failed = true;
        try
        {
            await answered;
            failed = false;
        }
        finally
        {
            Record(context, started, failed);
        }
    }

    private void Record(HttpContext context, long started, bool failed)
    {
        // An exception that escapes the pipeline becomes a 500 in the server, unless the response had started.
        var status = failed && !context.Response.HasStarted ? StatusCodes.Status500InternalServerError : context.Response.StatusCode;
        metrics.Record(RouteLabel(context), status, RequestAuthKinds.Get(context), time.GetElapsedTime(started));
    }

    /// <summary>A route id or template, never the request's path (paths can hold pairing codes).</summary>
    internal static string RouteLabel(HttpContext context)
    {
        if (context.Features.Get<RequestRoute>() is { } answered)
        {
            return answered.Label;
        }

        var endpoint = context.GetEndpoint();
        if (endpoint is null)
        {
            return Unmatched;
        }

        if (endpoint.Metadata.GetMetadata<RouteModel>() is { } proxied)
        {
            return proxied.Config.RouteId;
        }

        return endpoint is RouteEndpoint { RoutePattern.RawText: { Length: > 0 } template } ? template : Unmatched;
    }
}
