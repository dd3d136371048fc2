using System.Text.Json.Serialization;
using PatrolScores.Gateway.Storage.Records;

namespace PatrolScores.Gateway.Countdowns;

/// <summary>
/// A countdown as the leader's API and a board's stream (<c>event: timer</c>) show it:
/// <c>{"state":"running","remaining_seconds":40,"duration_seconds":60}</c>.
/// </summary>
/// <param name="State"><c>running</c>, <c>paused</c>, <c>ended</c> (ran out, not reset) or <c>none</c>.</param>
/// <param name="RemainingSeconds">Whole seconds left, rounded up.</param>
/// <param name="DurationSeconds">What it was started with.</param>
public sealed record CountdownView(
    [property: JsonPropertyName("state")] string State,
    [property: JsonPropertyName("remaining_seconds")] long RemainingSeconds,
    [property: JsonPropertyName("duration_seconds")] long DurationSeconds)
{
    public static CountdownView None { get; } = new("none", 0, 0);

    public static CountdownView Of(CountdownRecord? countdown, DateTimeOffset now)
    {
        if (countdown is null)
        {
            return None;
        }

        var left = (long)Math.Ceiling(CountdownRules.RemainingAt(countdown, now).TotalSeconds);
        var state = left <= 0 ? "ended" : countdown.RunningSince is null ? "paused" : "running";
        return new CountdownView(state, left, (long)countdown.Duration.TotalSeconds);
    }
}
