using Microsoft.Extensions.Diagnostics.HealthChecks;
using PatrolScores.Gateway.Errors;
using PatrolScores.Gateway.Osm.Guard;
using PatrolScores.Gateway.Patrols;
using PatrolScores.Gateway.Storage.Ephemeral;
using PatrolScores.Gateway.Storage.Records;
using PatrolScores.Gateway.Telemetry;

namespace PatrolScores.Gateway.Admin;

/// <summary>One picture for an operator: blocks, quotas, cache, deprecations and the stores' health.</summary>
internal sealed class AdminStatusReport(
    IGlobalBlockStore globalBlocks,
    IUserBlockStore userBlocks,
    IQuotaStore quotas,
    ScoreCache cache,
    GatewayMetrics metrics,
    DeprecationNotices deprecations,
    HealthCheckService health)
{
    public async Task<object> BuildAsync(CancellationToken cancellationToken)
    {
        var block = await globalBlocks.GetAsync(cancellationToken);
        var blocks = await userBlocks.ListAsync(cancellationToken);
        var quotaList = await quotas.ListAsync(cancellationToken);
        var report = await health.CheckHealthAsync(check => check.Tags.Contains("ready"), cancellationToken);
        var (hits, misses) = metrics.CacheCounts;
        return new
        {
            GlobalBlock = block is null ? null : new { block.Reason, SetAt = WireTime.Format(block.SetAt) },
            UserBlocks = blocks.OrderBy(b => b.UserId).Select(b => new { b.UserId, Until = WireTime.Format(b.Until), b.Reason, SetAt = WireTime.Format(b.SetAt) }),
            Quotas = quotaList.OrderBy(q => q.UserId).Select(q => new
            {
                q.UserId,
                q.Snapshot.Limit,
                q.Snapshot.Remaining,
                ResetAt = WireTime.Format(q.Snapshot.ResetAt),
                ObservedAt = WireTime.Format(q.Snapshot.ObservedAt),
            }),
            Cache = new
            {
                Hits = hits,
                Misses = misses,
                HitRatio = hits + misses == 0 ? (double?)null : Math.Round((double)hits / (hits + misses), 4),
                EntriesInMemory = cache.LocalCount,
            },
            Deprecations = deprecations.All.Select(d => new { d.Endpoint, d.Date, LastSeenAt = WireTime.Format(d.LastSeenAt) }),
            Stores = new
            {
                Status = report.Status.ToString(),
                Checks = report.Entries.ToDictionary(e => e.Key, e => new { Status = e.Value.Status.ToString(), e.Value.Description }),
            },
        };
    }
}
