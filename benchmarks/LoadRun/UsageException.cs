namespace PatrolScores.LoadRun;

/// <summary>A bad command line or a missing tool (wrk, taskset): exit code 2, nothing was started.</summary>
internal sealed class UsageException(string message) : Exception(message);
