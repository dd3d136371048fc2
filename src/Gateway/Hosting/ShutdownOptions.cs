namespace PatrolScores.Gateway.Hosting;

/// <summary>The <c>Hosting</c> configuration section: how the process stops.</summary>
public sealed class ShutdownOptions
{
    public const string SectionName = "Hosting";

    /// <summary>
    /// How long stopping may take (SIGTERM, Ctrl+C): requests in flight finish, the device usage
    /// batch is written and traces are flushed within it; whatever is left then is cut off.
    /// </summary>
    public TimeSpan ShutdownTimeout { get; set; } = TimeSpan.FromSeconds(30);
}
