namespace PatrolScores.LoadRun;

/// <summary>
/// One wrk run, with how much other work shared the machine meanwhile (in cores), when known.
/// A warm-up is kept only to be shown: its figures count for nothing.
/// </summary>
internal sealed record Measurement(string Label, WrkResult Result, double? OtherCores, double? StolenCores, bool IsWarmUp = false)
{
    /// <summary>Other work above this share of one core makes a run suspect.</summary>
    public const double QuietLimit = 0.05;

    public bool WasQuiet => (OtherCores ?? 0) + (StolenCores ?? 0) <= QuietLimit;
}
