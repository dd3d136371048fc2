using System.Net.WebSockets;
using System.Text;

namespace PatrolScores.LiveRun;

/// <summary>
/// Boards' WebSockets on <c>/ws/device</c>, one per device token, each with one receive always pending (as a board
/// keeps one, which also answers the gateway's pings). A message is timestamped (UTC wall clock, the same clock as
/// the gateway's log) the moment its receive completes, before anything else is done with it.
/// </summary>
internal sealed class BoardSockets : IAsyncDisposable
{
    private readonly List<ClientWebSocket> _sockets = [];
    private readonly List<Task> _loops = [];
    private readonly CancellationTokenSource _stop = new();
    private int _disconnects;

    /// <summary>Called with (client index, UTC ticks at read, message text) for every text message.</summary>
    public required Action<int, long, string> OnMessage { get; init; }

    public int Count => _sockets.Count;

    /// <summary>Connections that ended (closed by the gateway or failed) while the run held them.</summary>
    public int Disconnects => Volatile.Read(ref _disconnects);

    /// <summary>Connects one socket per token, <paramref name="parallel"/> at a time; fails on the first refusal.</summary>
    public async Task ConnectAsync(Uri gateway, IReadOnlyList<string> tokens, int parallel, CancellationToken cancellationToken)
    {
        var uri = new Uri(new Uri(gateway.ToString().Replace("http://", "ws://", StringComparison.Ordinal)), "ws/device");
        var first = _sockets.Count;
        var sockets = new ClientWebSocket[tokens.Count];
        await Parallel.ForAsync(0, tokens.Count, new ParallelOptions { MaxDegreeOfParallelism = parallel, CancellationToken = cancellationToken }, async (i, ct) =>
        {
            var socket = new ClientWebSocket();
            socket.Options.SetRequestHeader("Authorization", "Bearer " + tokens[i]);
            socket.Options.KeepAliveInterval = TimeSpan.Zero; // boards answer the gateway's pings; they send none
            try
            {
                await socket.ConnectAsync(uri, ct);
            }
            catch (WebSocketException exception)
            {
                socket.Dispose();
                throw new RunFailedException($"WebSocket {i + 1} of {tokens.Count} could not connect: {exception.Message}");
            }

            sockets[i] = socket;
        });

        for (var i = 0; i < sockets.Length; i++)
        {
            _sockets.Add(sockets[i]);
            var index = first + i;
            _loops.Add(Task.Run(() => ReceiveAsync(sockets[index - first], index)));
        }
    }

    private async Task ReceiveAsync(ClientWebSocket socket, int index)
    {
        var buffer = new byte[1024];
        var length = 0;
        try
        {
            while (!_stop.IsCancellationRequested)
            {
                var result = await socket.ReceiveAsync(buffer.AsMemory(length), _stop.Token);
                var at = DateTime.UtcNow.Ticks;
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    break;
                }

                length += result.Count;
                if (result.EndOfMessage || length == buffer.Length)
                {
                    OnMessage(index, at, Encoding.UTF8.GetString(buffer, 0, length));
                    length = 0;
                }
            }
        }
        catch (Exception exception) when (exception is WebSocketException or OperationCanceledException)
        {
            // Counted below unless the run is stopping.
        }

        if (!_stop.IsCancellationRequested)
        {
            Interlocked.Increment(ref _disconnects);
        }
    }

    /// <summary>Closes every socket (the closing handshake, a few at a time) and waits for the receive loops.</summary>
    public async Task CloseAsync()
    {
        await _stop.CancelAsync();
        await Parallel.ForEachAsync(_sockets, new ParallelOptions { MaxDegreeOfParallelism = 64 }, async (socket, _) =>
        {
            try
            {
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
                if (socket.State == WebSocketState.Open)
                {
                    await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, timeout.Token);
                }
            }
            catch (Exception exception) when (exception is WebSocketException or OperationCanceledException or ObjectDisposedException)
            {
                // Aborted below.
            }

            socket.Abort();
        });
        await Task.WhenAll(_loops).WaitAsync(TimeSpan.FromSeconds(30)).ContinueWith(_ => { }, TaskScheduler.Default);
    }

    public async ValueTask DisposeAsync()
    {
        if (!_stop.IsCancellationRequested)
        {
            await CloseAsync();
        }

        foreach (var socket in _sockets)
        {
            socket.Dispose();
        }

        _stop.Dispose();
    }
}
