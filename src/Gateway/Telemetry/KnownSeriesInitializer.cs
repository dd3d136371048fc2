namespace PatrolScores.Gateway.Telemetry;

/// <summary>
/// At start-up, once OpenTelemetry's meter provider listens (its hosted service starts first), puts the
/// labelled counters' known series at 0 (<see cref="GatewayMetrics.InitialiseKnownSeries"/>), so alerts
/// built on <c>rate()</c> see the first event after a restart.
/// </summary>
internal sealed class KnownSeriesInitializer(GatewayMetrics metrics) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        metrics.InitialiseKnownSeries();
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
