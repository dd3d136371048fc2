namespace PatrolScores.Gateway.IntegrationTests.Telemetry;

/// <summary>
/// OpenTelemetry's meter provider listens to every meter of the gateway's name in the process, so a
/// gateway test running in parallel would add to the counts a metrics test reads: these run alone.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class MetricsCollection
{
    public const string Name = "metrics";
}
