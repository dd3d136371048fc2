using System.Globalization;

namespace PatrolScores.Gateway.Countdowns;

/// <summary>
/// The timer messages the field boards understand (<c>../shared/scoreboard-clients.md</c>): <c>{"type":"timer-start","duration":60}</c>
/// (seconds; omitted when 0), <c>{"type":"timer-pause"}</c>, <c>{"type":"timer-resume"}</c>, <c>{"type":"timer-reset"}</c>.
/// </summary>
public static class CountdownMessages
{
    public static readonly byte[] Pause = """{"type":"timer-pause"}"""u8.ToArray();
    public static readonly byte[] Resume = """{"type":"timer-resume"}"""u8.ToArray();
    public static readonly byte[] Reset = """{"type":"timer-reset"}"""u8.ToArray();

    public static byte[] Start(TimeSpan duration)
    {
        var seconds = (long)duration.TotalSeconds;
        return System.Text.Encoding.UTF8.GetBytes(seconds > 0
            ? string.Create(CultureInfo.InvariantCulture, $$"""{"type":"timer-start","duration":{{seconds}}}""")
            : """{"type":"timer-start"}""");
    }
}
