namespace PatrolScores.LoadRun;

/// <summary>What one wrk run reports: throughput, the two latency percentiles we judge by, and anything that voids it.</summary>
internal sealed record WrkResult(
    double RequestsPerSecond,
    double P50Milliseconds,
    double P99Milliseconds,
    long Requests,
    long SocketErrors,
    long NonSuccessResponses)
{
    /// <summary>Socket errors or non-2xx/3xx responses make a run worthless as a measurement of hits.</summary>
    public string? Problem =>
        (SocketErrors, NonSuccessResponses) switch
        {
            (0, 0) => null,
            _ => $"{SocketErrors} socket errors and {NonSuccessResponses} non-2xx/3xx responses in {Requests} requests",
        };
}
