namespace PatrolScores.Gateway.Telemetry;

/// <summary>
/// With <c>Telemetry:MetricsPort</c> set: <c>/metrics</c> answers only on connections to that port, and
/// that port answers nothing else. Decided by the connection's local port, not the <c>Host</c> header,
/// which a client could forge. Registered only when the port is set, so the default path pays nothing.
/// </summary>
internal sealed class MetricsPortMiddleware(RequestDelegate next, int metricsPort)
{
    public const string MetricsPath = "/metrics";

    public Task InvokeAsync(HttpContext context)
    {
        var onMetricsPort = context.Connection.LocalPort == metricsPort;
        var isMetrics = context.Request.Path.Equals(MetricsPath, StringComparison.OrdinalIgnoreCase);
        if (onMetricsPort != isMetrics)
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return Task.CompletedTask;
        }

        return next(context);
    }
}
