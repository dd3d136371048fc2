using System.Text;

namespace PatrolScores.TerminalBoard.Display;

/// <summary>
/// The terminal: draws whole screens in place (cursor home, each line cleared to its end, the rest of the screen
/// cleared), with the cursor hidden until <see cref="Dispose"/>. Writes are serialised, so the feed and the clock
/// may both redraw.
/// </summary>
internal sealed class TerminalScreen : IDisposable
{
    private readonly TextWriter _output;
    private readonly Lock _gate = new();

    public TerminalScreen(TextWriter output)
    {
        _output = output;
        _output.Write(Ansi.HideCursor + Ansi.Home + "\e[2J");
        _output.Flush();
    }

    /// <summary>The terminal's width in columns (80 when it cannot tell).</summary>
    public static int Width
    {
        get
        {
            try
            {
                return Console.IsOutputRedirected || Console.WindowWidth <= 0 ? 80 : Console.WindowWidth;
            }
            catch (IOException)
            {
                return 80;
            }
        }
    }

    /// <summary>Replaces what is on the screen with <paramref name="lines"/>.</summary>
    public void Draw(IEnumerable<string> lines)
    {
        var frame = new StringBuilder(Ansi.Home);
        foreach (var line in lines)
        {
            frame.Append(line).Append(Ansi.ClearToLineEnd).Append('\n');
        }

        frame.Append(Ansi.ClearToScreenEnd);
        lock (_gate)
        {
            _output.Write(frame.ToString());
            _output.Flush();
        }
    }

    /// <summary>Shows the cursor again and leaves it below the board.</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            _output.Write(Ansi.Reset + Ansi.ShowCursor + "\n");
            _output.Flush();
        }
    }
}
