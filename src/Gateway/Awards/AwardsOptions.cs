namespace PatrolScores.Gateway.Awards;

/// <summary>Score entry's settings (section <c>Awards</c>), reloaded live.</summary>
public sealed class AwardsOptions
{
    public const string SectionName = "Awards";

    /// <summary>
    /// The pause between two submissions sent by one replica (default 2 s): a queue drained after a block is spread out,
    /// never sent in a burst. 0 to 1 minute.
    /// </summary>
    public TimeSpan SendSpacing { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>How often the sender looks for due entries written by another replica or deferred (default 5 s; 1 s to 5 min).</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Calls of the leader's hourly OSM quota kept back (default 20): a submission that would leave fewer is queued until
    /// the quota's reset. A submission costs one call per patrol and two reads.
    /// </summary>
    public int QuotaReserve { get; set; } = 20;

    /// <summary>How long a submitting leader waits for the outcome before being told it is queued (default 8 s; 0 to 30 s).</summary>
    public TimeSpan AnswerWait { get; set; } = TimeSpan.FromSeconds(8);
}
