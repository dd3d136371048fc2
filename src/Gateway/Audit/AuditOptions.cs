namespace PatrolScores.Gateway.Audit;

/// <summary>The <c>Audit</c> section.</summary>
public sealed class AuditOptions
{
    public const string SectionName = "Audit";

    /// <summary>How long stored audit events are kept; older ones are deleted hourly. Default 365 days.</summary>
    public TimeSpan Retention { get; set; } = TimeSpan.FromDays(365);
}
