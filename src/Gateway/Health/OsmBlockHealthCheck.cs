using Microsoft.Extensions.Diagnostics.HealthChecks;
using PatrolScores.Gateway.Errors;
using PatrolScores.Gateway.Storage.Records;

namespace PatrolScores.Gateway.Health;

/// <summary>
/// Degraded (still ready: devices get stale copies) while OSM's global block holds, so that an
/// operator sees it on <c>/readyz</c>. Degraded too while the record store is down (the block cannot be
/// read, so no OSM call is made); unhealthy only when reading it fails for another reason.
/// </summary>
internal sealed class OsmBlockHealthCheck(IGlobalBlockStore globalBlocks, Storage.Availability.StoreCircuits stores) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (stores.Records.Outage is not null)
        {
            return HealthCheckResult.Degraded("the OSM block state cannot be read while the record store is down; no OSM calls until it answers.");
        }

        try
        {
            // Bounded like the stores' own checks: a hung database must not hold /readyz.
            return await globalBlocks.GetAsync(cancellationToken).WaitAsync(StoreHealthCheck.ProbeTimeout, cancellationToken) is { } block
                ? HealthCheckResult.Degraded($"OSM blocked this application at {WireTime.Format(block.SetAt)} ({block.Reason}); serving stale copies until an operator clears it.")
                : HealthCheckResult.Healthy("no OSM block");
        }
        catch (Exception exception) when (Storage.Availability.StoreFailures.Is(exception) || exception is TimeoutException)
        {
            stores.Records.Open(exception);
            return HealthCheckResult.Degraded($"the OSM block state cannot be read while the record store is down ({exception.GetType().Name}); no OSM calls until it answers.");
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy($"the OSM block state cannot be read ({exception.GetType().Name}).");
        }
    }
}
