using System.Net.WebSockets;
using System.Threading.Channels;

namespace PatrolScores.Gateway.Live;

/// <summary>
/// One board's WebSocket. Messages are queued (a few; the oldest nudge is dropped when a board reads too
/// slowly, since one <c>refresh-scores</c> is as good as many) and written by one loop, so sends never
/// interleave. It exists, registered, before the upgrade is accepted, so a change published the moment
/// a board connects is queued and delivered. <see cref="Close"/> may be called any number of times, from
/// anywhere: the first queues <c>disconnect</c> with its reason and ends the connection after it.
/// </summary>
internal sealed class DeviceSocket(string deviceId, string tokenHash, long sectionId, TimeProvider time)
{
    private const int QueueLength = 8;

    private readonly Channel<byte[]> _outbound = Channel.CreateBounded<byte[]>(new BoundedChannelOptions(QueueLength)
    {
        FullMode = BoundedChannelFullMode.DropOldest,
        SingleReader = true,
    });

    private long _lastActivityTicks = time.GetUtcNow().UtcTicks;
    private int _closed;
    private WebSocketCloseStatus _closeStatus = WebSocketCloseStatus.NormalClosure;

    public string DeviceId => deviceId;

    public string TokenHash => tokenHash;

    public long SectionId => sectionId;

    public bool IsClosed => Volatile.Read(ref _closed) == 1;

    /// <summary>When the board last sent or was sent a message.</summary>
    public DateTimeOffset LastActivity => new(Interlocked.Read(ref _lastActivityTicks), TimeSpan.Zero);

    /// <summary>Queues a message; false once the connection is closing.</summary>
    public bool TrySend(byte[] message) => !IsClosed && _outbound.Writer.TryWrite(message);

    /// <summary>Tells the board <c>disconnect</c> with <paramref name="reason"/> and ends the connection with <paramref name="status"/>; harmless when already closing.</summary>
    public void Close(string reason, WebSocketCloseStatus status = WebSocketCloseStatus.NormalClosure)
    {
        if (Interlocked.Exchange(ref _closed, 1) == 0)
        {
            _closeStatus = status;
            _outbound.Writer.TryWrite(LiveMessages.Disconnect(reason));
            _outbound.Writer.TryComplete();
        }
    }

    /// <summary>
    /// Runs the connection until either side ends it: writes the queue, reads the board's messages (each at
    /// most <paramref name="maxInboundBytes"/>; a larger one closes with 1009), and closes the socket at the end.
    /// </summary>
    public async Task RunAsync(WebSocket socket, int maxInboundBytes, CancellationToken aborted)
    {
        using var ending = CancellationTokenSource.CreateLinkedTokenSource(aborted);
        var writing = WriteAsync(socket, ending.Token);
        try
        {
            await ReadAsync(socket, maxInboundBytes, ending.Token);
        }
        catch (Exception exception) when (exception is WebSocketException or OperationCanceledException)
        {
            // The board went away (or the request was aborted): nothing to tell it.
        }

        Close("connection ended");
        try
        {
            await writing.WaitAsync(TimeSpan.FromSeconds(5), aborted);
        }
        catch (Exception exception) when (exception is WebSocketException or OperationCanceledException or TimeoutException)
        {
            // Could not say goodbye: the socket is aborted below.
        }

        await ending.CancelAsync();
        socket.Abort();
    }

    private async Task ReadAsync(WebSocket socket, int maxInboundBytes, CancellationToken cancellationToken)
    {
        var buffer = new byte[maxInboundBytes];
        var received = 0;
        while (socket.State == WebSocketState.Open && !IsClosed)
        {
            if (received == buffer.Length)
            {
                Close("message too big", WebSocketCloseStatus.MessageTooBig);
                return;
            }

            var result = await socket.ReceiveAsync(buffer.AsMemory(received), cancellationToken);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                Close("closed by the board");
                return;
            }

            received += result.Count;
            if (result.EndOfMessage)
            {
                // Boards send {"type":"status","uptime":N}: informational, only its arrival counts.
                received = 0;
                Touch();
            }
        }
    }

    private async Task WriteAsync(WebSocket socket, CancellationToken cancellationToken)
    {
        await foreach (var message in _outbound.Reader.ReadAllAsync(cancellationToken))
        {
            if (socket.State != WebSocketState.Open)
            {
                // The board said goodbye first: no more messages, but the closing handshake is still answered.
                break;
            }

            await socket.SendAsync(message, WebSocketMessageType.Text, endOfMessage: true, cancellationToken);
            Touch();
        }

        if (socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
        {
            await socket.CloseOutputAsync(_closeStatus, null, cancellationToken);
        }
    }

    private void Touch() => Interlocked.Exchange(ref _lastActivityTicks, time.GetUtcNow().UtcTicks);
}
