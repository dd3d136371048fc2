namespace PatrolScores.LiveRun;

/// <summary>POSIX shell quoting for the command lines the harness builds.</summary>
internal static class Shell
{
    public static string Quote(string value) => "'" + value.Replace("'", "'\\''") + "'";
}
