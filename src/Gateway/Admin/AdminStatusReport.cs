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
    public async Task<AdminStatus> BuildAsync(CancellationToken cancellationToken)
    {
        var block = await globalBlocks.GetAsync(cancellationToken);
        var blocks = await userBlocks.ListAsync(cancellationToken);
        var quotaList = await quotas.ListAsync(cancellationToken);
        var report = await health.CheckHealthAsync(check => check.Tags.Contains("ready"), cancellationToken);
        var (hits, misses) = metrics.CacheCounts;
        var queued = await refreshQueue.ListAsync(cancellationToken);
        return new AdminStatus(
            GlobalBlock: block is null ? null : new GlobalBlockView(block.Reason, WireTime.Format(block.SetAt)),
            UserBlocks: blocks.OrderBy(b => b.UserId).Select(b => new UserBlockView(b.UserId, WireTime.Format(b.Until), b.Reason, WireTime.Format(b.SetAt))).ToList(),
            Quotas: quotaList.OrderBy(q => q.UserId).Select(q => new QuotaView(
                q.UserId,
                q.Snapshot.Limit,
                q.Snapshot.Remaining,
                WireTime.Format(q.Snapshot.ResetAt),
                WireTime.Format(q.Snapshot.ObservedAt))).ToList(),
            Cache: new CacheView(
                hits,
                misses,
                hits + misses == 0 ? null : Math.Round((double)hits / (hits + misses), 4),
                cache.LocalCount),
            Refresh: new RefreshView(
                refreshOptions.CurrentValue.Enabled,
                refresher.LastPass is { } pass ? WireTime.Format(pass) : null,
                refresher.WatchedHere.OrderBy(w => w.Key.SectionId)
                    .Select(w => new WatchedSectionView(w.Key.SectionId, w.Key.TermId, w.PayingUserId, w.Boards, WireTime.Format(w.LastSeen))).ToList(),
                queued.Select(q => new QueuedSectionView(q.Item.Key.SectionId, q.Item.Key.TermId, q.Item.PayingUserId, WireTime.Format(q.Due), q.Boards)).ToList(),
                Enum.GetValues<Patrols.Refreshing.RefreshOutcome>().ToDictionary(Patrols.Refreshing.RefreshOutcomeNames.Of, outcome => refresher.Count(outcome))),
            Deprecations: deprecations.All.Select(d => new DeprecationView(d.Endpoint, d.Date, WireTime.Format(d.LastSeenAt))).ToList(),
            Stores: new StoresView(
                report.Status.ToString(),
                report.Entries.ToDictionary(e => e.Key, e => new StoreCheckView(e.Value.Status.ToString(), e.Value.Description))));
    }
}
