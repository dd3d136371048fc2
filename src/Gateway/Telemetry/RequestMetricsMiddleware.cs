using Yarp.ReverseProxy.Model;

namespace PatrolScores.Gateway.Telemetry;

/// <summary>
/// Times every request that is not a fresh cache hit (those record themselves, see
/// <see cref="HttpRequestMetrics.RecordCacheHit"/>) and records it once the rest of the pipeline has
/// answered, when the route, status and authentication kind are known.
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
        catch (Exception exception)
        {
            Record(context, started, exception);
            throw;
        }

        // A cache hit usually completes synchronously: recorded here, with no async state machine.
        if (answered.IsCompletedSuccessfully)
        {
            Record(context, started, null);
            return Task.CompletedTask;
        }

        return RecordWhenDoneAsync(answered, context, started);
    }

    private async Task RecordWhenDoneAsync(Task answered, HttpContext context, long started)
    {
        try
        {
            await answered;
        }
        catch (Exception exception)
        {
            Record(context, started, exception);
            throw;
        }

        Record(context, started, null);
    }

    private void Record(HttpContext context, long started, Exception? failure)
    {
        // An exception that escapes is answered by the exception handler outside: count the status it will send.
        var status = failure is not null && !context.Response.HasStarted ? Errors.UnhandledErrors.StatusFor(failure) : context.Response.StatusCode;
        metrics.Record(RouteLabel(context), status, RequestAuthKinds.Get(context), time.GetElapsedTime(started));
    }

    /// <summary>A route id or template, never the request's path (paths can hold pairing codes).</summary>
    internal static string RouteLabel(HttpContext context)
    {
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
