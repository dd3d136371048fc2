using System.Globalization;
using System.Text;

namespace PatrolScores.TerminalBoard.Scores;

/// <summary>One Server-Sent Event: its data (the lines joined by <c>\n</c>), event type and id as last set on the stream.</summary>
internal sealed record SseEvent(string Type, string Data, string? Id);

/// <summary>
/// The event-stream interpretation of the HTML Living Standard ("Server-sent events", §9.2.6), one line at a time:
/// <c>data</c> lines accumulate, <c>id</c> sets the last event id (kept across events, as the spec says, for
/// <c>Last-Event-ID</c>), <c>retry</c> sets the reconnection time, a line starting with <c>:</c> is a comment, and an
/// empty line dispatches the event (none when no data came). Unknown fields are ignored.
/// </summary>
internal sealed class SseParser
{
    private readonly StringBuilder _data = new();
    private string _type = "";
    private bool _hasData;

    /// <summary>The last event id the stream set (sent back as <c>Last-Event-ID</c> on reconnection).</summary>
    public string? LastEventId { get; private set; }

    /// <summary>The reconnection time the stream asked for with <c>retry:</c>, if any.</summary>
    public TimeSpan? Retry { get; private set; }

    /// <summary>Reads one line (without its line ending); returns the event it completes, if any.</summary>
    public SseEvent? ReadLine(string line)
    {
        if (line.Length == 0)
        {
            return Dispatch();
        }

        if (line[0] == ':')
        {
            return null;
        }

        var colon = line.IndexOf(':', StringComparison.Ordinal);
        var field = colon < 0 ? line : line[..colon];
        var value = colon < 0 ? "" : line[(colon + 1)..];
        if (value.StartsWith(' '))
        {
            value = value[1..];
        }

        switch (field)
        {
            case "data":
                if (_hasData)
                {
                    _data.Append('\n');
                }

                _data.Append(value);
                _hasData = true;
                break;
            case "event":
                _type = value;
                break;
            case "id" when !value.Contains('\0', StringComparison.Ordinal):
                LastEventId = value;
                break;
            case "retry" when value.Length > 0 && value.All(char.IsAsciiDigit):
                if (long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var milliseconds))
                {
                    Retry = TimeSpan.FromMilliseconds(milliseconds);
                }

                break;
        }

        return null;
    }

    private SseEvent? Dispatch()
    {
        var dispatched = _hasData ? new SseEvent(_type.Length == 0 ? "message" : _type, _data.ToString(), LastEventId) : null;
        _data.Clear();
        _type = "";
        _hasData = false;
        return dispatched;
    }
}
