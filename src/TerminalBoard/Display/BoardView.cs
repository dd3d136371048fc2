using System.Globalization;
using System.Text;
using PatrolScores.TerminalBoard.Scores;

namespace PatrolScores.TerminalBoard.Display;

/// <summary>What the board shows: the gateway, the last scores (if any), their state, and how they are followed.</summary>
/// <param name="Gateway">The gateway's address, in the title.</param>
/// <param name="Snapshot">The last scores received.</param>
/// <param name="Status">Their state (or the last error's), under the bars.</param>
/// <param name="Connection">How the board follows the scores now (stream, reconnecting, polling).</param>
internal sealed record BoardModel(string Gateway, PatrolsSnapshot? Snapshot, StatusLine? Status, string Connection);

/// <summary>
/// Draws a <see cref="BoardModel"/> as lines of text with ANSI colours, <c>width</c> columns wide: one coloured bar
/// per patrol (the server's order) proportional to its score (<see cref="BarLayout"/>), the score after it, then the
/// state. Pure: the terminal writes the lines (<see cref="TerminalScreen"/>).
/// </summary>
internal static class BoardView
{
    private const int MaxNameWidth = 20;

    /// <summary>The board's lines for a terminal <paramref name="width"/> columns wide.</summary>
    public static IReadOnlyList<string> Render(BoardModel model, int width)
    {
        width = Math.Max(30, width);
        var lines = new List<string> { $"{Ansi.Bold}PatrolScores{Ansi.Reset} {Ansi.Dim}· {model.Gateway}{Ansi.Reset}", "" };
        var snapshot = model.Snapshot;
        if (snapshot is null)
        {
            lines.Add("Waiting for the scores…");
        }
        else if (snapshot.RateLimitState == "SERVICE_BLOCKED")
        {
            // As the boards in the field do: no scores, the words.
            lines.Add($"{Ansi.Bold}Service Blocked{Ansi.Reset}");
            lines.Add("Contact Admin");
        }
        else if (snapshot.Patrols.Count == 0)
        {
            lines.Add("No patrols in this section.");
        }
        else
        {
            lines.AddRange(Bars(snapshot, width));
        }

        lines.Add("");
        if (model.Status is { } status)
        {
            var colour = status.Level switch
            {
                StatusLevel.Good => Ansi.Foreground("green"),
                StatusLevel.Warning => Ansi.Foreground("yellow"),
                _ => Ansi.Foreground("red"),
            };
            lines.Add($"{colour}{status.Text}{Ansi.Reset}");
        }

        lines.Add($"{Ansi.Dim}{model.Connection} · Ctrl+C to quit{Ansi.Reset}");
        return lines;
    }

    /// <summary>A score as the board prints it (invariant culture, no trailing zeros).</summary>
    public static string ScoreText(decimal score) => score.ToString("0.##", CultureInfo.InvariantCulture);

    private static IEnumerable<string> Bars(PatrolsSnapshot snapshot, int width)
    {
        var patrols = snapshot.Patrols;
        var nameWidth = Math.Min(MaxNameWidth, patrols.Max(p => p.Name.Length));
        var scoreWidth = patrols.Max(p => ScoreText(p.Score).Length);
        var barWidth = Math.Max(1, width - nameWidth - scoreWidth - 3); // name, space, bar, space, score: the last column left free (writing it wraps on some terminals)
        var (_, bars) = BarLayout.Scale([.. patrols.Select(p => p.Score)], barWidth);
        for (var i = 0; i < patrols.Count; i++)
        {
            var patrol = patrols[i];
            var colour = Ansi.Foreground(ColourOf(snapshot, patrol, i));
            var name = patrol.Name.Length > nameWidth ? patrol.Name[..(nameWidth - 1)] + "…" : patrol.Name.PadRight(nameWidth);
            var bar = bars[i];
            var line = new StringBuilder()
                .Append(colour).Append(Ansi.Bold).Append(name).Append(Ansi.Reset).Append(' ')
                .Append(' ', bar.Start)
                .Append(colour).Append('█', bar.Length).Append(Ansi.Reset)
                .Append(' ', barWidth - bar.Start - bar.Length)
                .Append(' ').Append(ScoreText(patrol.Score).PadLeft(scoreWidth));
            yield return line.ToString();
        }
    }

    private static string ColourOf(PatrolsSnapshot snapshot, Patrol patrol, int index) =>
        snapshot.Settings?.PatrolColors is { } colours && colours.TryGetValue(patrol.Id, out var name) && name.Length > 0
            ? name
            : Ansi.ColourNames[index % Ansi.ColourNames.Count];
}
