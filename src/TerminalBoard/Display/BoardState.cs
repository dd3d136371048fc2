using PatrolScores.TerminalBoard.Scores;

namespace PatrolScores.TerminalBoard.Display;

/// <summary>
/// What the feed last learnt, shared between the feed (which writes it) and the drawing loop (which waits for a
/// change, or a second, and draws it): the last scores, the last error's status, and how the scores are followed.
/// </summary>
internal sealed class BoardState(string gateway)
{
    private readonly Lock _gate = new();
    private readonly SemaphoreSlim _changed = new(0);
    private PatrolsSnapshot? _snapshot;
    private StatusLine? _error;
    private string _connection = "Connecting";

    /// <summary>New scores: they replace the last ones, and any error is over.</summary>
    public void Scores(PatrolsSnapshot snapshot) => Change(() => (_snapshot, _error) = (snapshot, null));

    /// <summary>An error answer's status, shown in place of the scores' state.</summary>
    public void Error(StatusLine status) => Change(() => _error = status);

    /// <summary>The last error is over (the gateway answered again), whether or not new scores came with it.</summary>
    public void ClearError() => Change(() => _error = null);

    /// <summary>How the scores are followed now ("Live stream", "Reconnecting in 4 s", "Polling").</summary>
    public void Connection(string text) => Change(() => _connection = text);

    /// <summary>Waits until something changed, or <paramref name="timeout"/> passed.</summary>
    public Task WaitForChangeAsync(TimeSpan timeout, CancellationToken cancellationToken) => _changed.WaitAsync(timeout, cancellationToken);

    /// <summary>The board to draw at <paramref name="now"/>.</summary>
    public BoardModel Model(DateTimeOffset now, TimeZoneInfo zone)
    {
        lock (_gate)
        {
            var status = _error ?? (_snapshot is { } snapshot ? BoardStatus.Of(snapshot, now, zone) : null);
            return new BoardModel(gateway, _snapshot, status, _connection);
        }
    }

    private void Change(Action change)
    {
        lock (_gate)
        {
            change();
        }

        _changed.Release();
    }
}
