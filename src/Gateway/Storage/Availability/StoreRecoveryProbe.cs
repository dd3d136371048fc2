using Microsoft.Extensions.Options;

namespace PatrolScores.Gateway.Storage.Availability;

/// <summary>
/// While a store's circuit is open, asks it its probe question every <c>Storage:ProbeInterval</c> (on the
/// injected clock), each attempt bounded by that interval, and closes the circuit the moment it answers:
/// recovery needs neither an operator nor a request.
/// </summary>
internal sealed class StoreRecoveryProbe(StoreCircuits circuits, StoreProbes probes, IOptions<StorageOptions> options, TimeProvider time) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = options.Value.ProbeInterval;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(interval, time, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            foreach (var circuit in circuits.InUse)
            {
                if (circuit.IsOpen)
                {
                    try
                    {
                        await probes.ProbeAsync(circuit.Component, interval, stoppingToken);
                    }
                    catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
                    {
                        return;
                    }
                }
            }
        }
    }
}
