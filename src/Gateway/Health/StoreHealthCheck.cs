using Microsoft.Extensions.Diagnostics.HealthChecks;
using PatrolScores.Gateway.Storage.Availability;

namespace PatrolScores.Gateway.Health;

/// <summary>
/// One store in <c>/readyz</c> (<c>records</c>: SQLite or PostgreSQL; <c>redis</c>: distributed mode only).
/// While the store's circuit is open the answer is immediate: <c>degraded</c>, since and why, with no
/// I/O. Otherwise the store is asked its probe question (<see cref="StoreProbes"/>) for at most
/// <see cref="ProbeTimeout"/>; a failure opens the circuit and is <c>degraded</c> too, not <c>unhealthy</c>:
/// the replica still serves the copies it holds, and a load balancer that took every replica out over a
/// shared store's outage would leave boards with nothing.
/// </summary>
internal sealed class StoreHealthCheck(StoreComponent component, StoreCircuits circuits, StoreProbes probes) : IHealthCheck
{
    /// <summary>The longest <c>/readyz</c> waits for a store that is thought to be up.</summary>
    internal static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(2);

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var circuit = circuits.For(component);
        if (!circuits.InUse.Contains(circuit))
        {
            return HealthCheckResult.Healthy("not used in embedded mode");
        }

        if (circuit.Outage is null && await probes.ProbeAsync(component, ProbeTimeout, cancellationToken))
        {
            return HealthCheckResult.Healthy($"{probes.Describe(component)} answers");
        }

        return circuit.Outage is { } outage
            ? HealthCheckResult.Degraded($"{probes.Describe(component)} has not answered since {outage.Since:yyyy-MM-ddTHH:mm:ssZ} ({outage.Cause}); held copies are served and OSM is not called until it answers")
            : HealthCheckResult.Healthy($"{probes.Describe(component)} answers");
    }
}
