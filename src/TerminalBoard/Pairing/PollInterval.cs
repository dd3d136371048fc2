namespace PatrolScores.TerminalBoard.Pairing;

/// <summary>
/// How often a pairing board asks <c>/device/token</c> (RFC 8628 §3.5): the <c>interval</c> the server gave (5 s
/// when it gave none), 5 s longer after each <c>slow_down</c>, and never below 1 s.
/// </summary>
internal static class PollInterval
{
    /// <summary>The interval to start with.</summary>
    public static TimeSpan Initial(int? serverSeconds) => TimeSpan.FromSeconds(Math.Max(1, serverSeconds ?? 5));

    /// <summary>The interval after a <c>slow_down</c>.</summary>
    public static TimeSpan AfterSlowDown(TimeSpan current) => current + TimeSpan.FromSeconds(5);
}
