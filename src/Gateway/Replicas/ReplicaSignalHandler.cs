using PatrolScores.Gateway.Osm.Terms;
using PatrolScores.Gateway.Patrols;
using PatrolScores.Gateway.Patrols.Fetching;
using PatrolScores.Gateway.Telemetry;

namespace PatrolScores.Gateway.Replicas;

/// <summary>Applies a signal to this process's memory: back-offs, first-level cache entries, known terms, gauges.</summary>
internal sealed class ReplicaSignalHandler(FetchBackoffs backoffs, ScoreCache cache, SectionTerms terms, GatewayMetrics metrics)
{
    public void Apply(ReplicaSignal signal)
    {
        switch (signal.Kind)
        {
            case ReplicaSignalKind.GlobalBlockCleared:
                metrics.ServiceBlocked(false);
                backoffs.Clear();
                break;
            case ReplicaSignalKind.UserBlockCleared:
                // Back-offs are kept per section, not per user: clearing them all costs at most one fetch each.
                backoffs.Clear();
                break;
            case ReplicaSignalKind.SectionInvalidated:
                cache.ForgetLocal(signal.Id);
                terms.Invalidate(signal.Id);
                backoffs.ClearSection(signal.Id);
                break;
            case ReplicaSignalKind.SectionExpired:
                cache.ExpireLocal(signal.Id);
                backoffs.ClearSection(signal.Id);
                break;
        }
    }
}
