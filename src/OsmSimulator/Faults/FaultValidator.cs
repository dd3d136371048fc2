namespace PatrolScores.OsmSimulator.Faults;

/// <summary>Rejects fault settings the simulator could not act on, naming the property.</summary>
internal static class FaultValidator
{
    private static readonly TimeSpan MaxLatency = TimeSpan.FromMinutes(5);

    public static string? Validate(SimulatorFaults faults)
    {
        if (faults.TooManyRequests is < 0)
            return "TooManyRequests must be a number of seconds, 0 or more.";
        if (faults.BlockedWithStatus is { } blocked && blocked is < 200 or > 599)
            return "BlockedWithStatus must be an HTTP status between 200 and 599.";
        if (faults.ServerError is { } error && error is < 500 or > 599)
            return "ServerError must be an HTTP status between 500 and 599.";
        if (faults.Latency < TimeSpan.Zero || faults.Latency > MaxLatency)
            return "Latency must be between 00:00:00 and 00:05:00.";
        if (faults.TokenEndpointFailure is { } failure && !TokenFailure.IsValid(failure))
            return "TokenEndpointFailure must be an OAuth error code or an HTTP status between 400 and 599.";
        return null;
    }
}
