namespace PatrolScores.Benchmarks;

/// <summary>POSIX shell quoting for the command lines the harnesses build.</summary>
internal static class Shell
{
    public static string Quote(string value) => "'" + value.Replace("'", "'\\''") + "'";
}
