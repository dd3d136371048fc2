using OpenTelemetry.Trace;

namespace PatrolScores.Gateway.Telemetry;

/// <summary>
/// Exports the spans the batch processor still holds once the host has stopped: after Kestrel has
/// drained the requests in flight (their spans have ended) and inside the host's shutdown deadline.
/// Disposing the tracer provider afterwards would export them as well (its Dispose shuts the batch
/// processor down, exporting what it holds), but disposal comes after the deadline's stop phase and,
/// under a test host, on another flow than the one stopping the host. Registered only with tracing;
/// metrics need no flush, Prometheus pulls them.
/// </summary>
internal sealed class TraceFlusher(TracerProvider tracer) : IHostedLifecycleService
{
    private static readonly TimeSpan MostWait = TimeSpan.FromSeconds(5);
    private int _flushed;

    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken)
    {
        // A host can be stopped twice (a test host stops it, and so does the entry point's RunAsync).
        if (Interlocked.Exchange(ref _flushed, 1) == 0)
        {
            try
            {
                tracer.ForceFlush((int)MostWait.TotalMilliseconds);
            }
            catch (ObjectDisposedException)
            {
                // Already disposed, and so already flushed by its Dispose.
            }
        }

        return Task.CompletedTask;
    }
}
