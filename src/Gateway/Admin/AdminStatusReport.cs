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
    HealthCheckService health,
    IRefreshQueue refreshQueue,
    Patrols.Refreshing.PatrolsRefresher refresher,
    Microsoft.Extensions.Options.IOptionsMonitor<Patrols.Refreshing.RefreshOptions> refreshOptions)
{
    public async Task<object> BuildAsync(CancellationToken cancellationToken)
    {
        var block = await globalBlocks.GetAsync(cancellationToken);
        var blocks = await userBlocks.ListAsync(cancellationToken);
        var quotaList = await quotas.ListAsync(cancellationToken);
        var report = await health.CheckHealthAsync(check => check.Tags.Contains("ready"), cancellationToken);
        var (hits, misses) = metrics.CacheCounts;
        var queued = await refreshQueue.ListAsync(cancellationToken);
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
            Refresh = new
            {
                refreshOptions.CurrentValue.Enabled,
                LastPassAt = refresher.LastPass is { } pass ? WireTime.Format(pass) : null,
                WatchedHere = refresher.WatchedHere.OrderBy(w => w.Key.SectionId).Select(w => new
                {
                    w.Key.SectionId,
                    w.Key.TermId,
                    PayingUserId = w.PayingUserId,
                    w.Boards,
                    LastSeenAt = WireTime.Format(w.LastSeen),
                }),
                Queue = queued.Select(q => new
                {
                    q.Item.Key.SectionId,
                    q.Item.Key.TermId,
                    PayingUserId = q.Item.PayingUserId,
                    DueAt = WireTime.Format(q.Due),
                    q.Boards,
                }),
                Outcomes = Enum.GetValues<Patrols.Refreshing.RefreshOutcome>().ToDictionary(Patrols.Refreshing.RefreshOutcomeNames.Of, outcome => refresher.Count(outcome)),
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
