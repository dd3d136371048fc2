using Microsoft.Extensions.Diagnostics.HealthChecks;
using PatrolScores.Gateway.Errors;
using PatrolScores.Gateway.Storage.Records;

namespace PatrolScores.Gateway.Health;

/// <summary>
/// Degraded (still ready: devices get stale copies) while OSM's global block holds, so that an
/// operator sees it on <c>/readyz</c>; unhealthy only when the block cannot be read.
/// </summary>
internal sealed class OsmBlockHealthCheck(IGlobalBlockStore globalBlocks) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            return await globalBlocks.GetAsync(cancellationToken) is { } block
                ? HealthCheckResult.Degraded($"OSM blocked this application at {WireTime.Format(block.SetAt)} ({block.Reason}); serving stale copies until an operator clears it.")
                : HealthCheckResult.Healthy("no OSM block");
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy($"the OSM block state cannot be read ({exception.GetType().Name}).");
        }
    }
}
