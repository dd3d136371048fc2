namespace PatrolScores.LoadRun;

/// <summary>Process exit codes. A run that measured is a success whether or not it met the target.</summary>
internal static class ExitCodes
{
    public const int Measured = 0;
    public const int RunFailed = 1;
    public const int Usage = 2;
}
