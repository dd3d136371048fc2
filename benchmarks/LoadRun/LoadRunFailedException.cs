namespace PatrolScores.LoadRun;

/// <summary>The run started but could not measure (a server did not start, no cache hit, wrk errors): exit code 1.</summary>
internal sealed class LoadRunFailedException(string message) : Exception(message);
