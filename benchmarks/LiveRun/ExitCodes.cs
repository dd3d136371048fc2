namespace PatrolScores.LiveRun;

internal static class ExitCodes
{
    /// <summary>The run measured (whatever the verdict).</summary>
    public const int Measured = 0;

    /// <summary>The run could not measure: a process did not start, clients could not connect, messages were lost.</summary>
    public const int RunFailed = 1;

    /// <summary>A bad option or a missing file.</summary>
    public const int Usage = 2;
}

/// <summary>A bad command line: reported with the usage text, exit code 2.</summary>
internal sealed class UsageException(string message) : Exception(message);

/// <summary>The run could not measure what it was asked to: reported with the reason, exit code 1.</summary>
internal sealed class RunFailedException(string message) : Exception(message);
