using System.Diagnostics.Metrics;

namespace PatrolScores.Gateway.Trends;

/// <summary>
/// Trends' counters on the gateway's meter: <c>score_snapshots_recorded</c> (snapshots stored) and
/// <c>score_snapshot_failures</c> (snapshots lost to a record store that did not answer; the fetch went on).
/// </summary>
internal sealed class TrendsMetrics
{
    private readonly Counter<long> _recorded;
    private readonly Counter<long> _failures;

    public TrendsMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(Telemetry.GatewayMetrics.MeterName);
        _recorded = meter.CreateCounter<long>("score_snapshots_recorded", description: "Score snapshots stored for trends (one per new copy whose scores changed).");
        _failures = meter.CreateCounter<long>("score_snapshot_failures", description: "Score snapshots not stored because the record store did not answer; the copy itself was served.");
    }

    public void Recorded() => _recorded.Add(1);

    public void Failed() => _failures.Add(1);
}
