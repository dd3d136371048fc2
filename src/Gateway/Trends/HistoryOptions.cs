namespace PatrolScores.Gateway.Trends;

/// <summary>The <c>History</c> section: how long score snapshots (trends) are kept.</summary>
public sealed class HistoryOptions
{
    public const string SectionName = "History";

    /// <summary>
    /// How long a score snapshot is kept; older ones are deleted hourly. Default 400 days (a year of trends, with room);
    /// at least 90 days, the longest window of <c>GET /api/v1/history</c>.
    /// </summary>
    public TimeSpan SnapshotRetention { get; set; } = TimeSpan.FromDays(400);
}
