namespace PatrolScores.Gateway.Countdowns;

/// <summary>What a leader does to a countdown (<c>start</c>, <c>pause</c>, <c>resume</c>, <c>reset</c> on the wire).</summary>
public enum CountdownAction
{
    Start,
    Pause,
    Resume,
    Reset,
}
