namespace PatrolScores.TerminalBoard.Scores;

/// <summary>
/// The wait before reconnecting, as the boards in the field do it: from a first delay (the stream's <c>retry:</c>,
/// else 2 s) doubling to 60 s, each wait jittered by ±20 % so boards that lost the gateway together do not come back
/// together; <see cref="Reset"/> after a connection that worked.
/// </summary>
/// <param name="random">A number in [0, 1) per wait (the jitter); tests pass a fixed one.</param>
internal sealed class ReconnectBackOff(Func<double> random)
{
    /// <summary>The longest wait.</summary>
    public static readonly TimeSpan Longest = TimeSpan.FromSeconds(60);

    private int _failures;

    /// <summary>The first wait, unless the stream asked for another with <c>retry:</c>.</summary>
    public TimeSpan First { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>The wait before the next attempt (and counts one more failure).</summary>
    public TimeSpan Next()
    {
        var wait = First.TotalSeconds * Math.Pow(2, Math.Min(_failures, 16));
        _failures++;
        var capped = Math.Min(wait, Longest.TotalSeconds);
        return TimeSpan.FromSeconds(capped * (0.8 + (0.4 * random())));
    }

    /// <summary>A connection worked: the next wait is the first again.</summary>
    public void Reset() => _failures = 0;
}
