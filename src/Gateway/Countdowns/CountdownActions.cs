namespace PatrolScores.Gateway.Countdowns;

/// <summary>The wire names of <see cref="CountdownAction"/>: <c>start</c>, <c>pause</c>, <c>resume</c>, <c>reset</c>.</summary>
public static class CountdownActions
{
    public static string ToWire(CountdownAction action) => action switch
    {
        CountdownAction.Start => "start",
        CountdownAction.Pause => "pause",
        CountdownAction.Resume => "resume",
        CountdownAction.Reset => "reset",
        _ => throw new ArgumentOutOfRangeException(nameof(action), action, null),
    };

    public static bool TryParse(string? text, out CountdownAction action)
    {
        foreach (var candidate in Enum.GetValues<CountdownAction>())
        {
            if (string.Equals(ToWire(candidate), text, StringComparison.Ordinal))
            {
                action = candidate;
                return true;
            }
        }

        action = default;
        return false;
    }
}
