using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;

namespace PatrolScores.Gateway.IntegrationTests.Live;

/// <summary>
/// A scoreboard's end of <c>/ws/device</c>, as the boards in the field use it: it reads every message into
/// a queue (so a test can wait for one, or see that none came) and notices when the server closes.
/// </summary>
internal sealed class Board : IAsyncDisposable
{
    private readonly WebSocket _socket;
    private readonly Channel<JsonElement> _messages = Channel.CreateUnbounded<JsonElement>();
    private readonly Task _reading;

    private Board(WebSocket socket)
    {
        _socket = socket;
        _reading = ReadAsync();
    }

    public WebSocketCloseStatus? CloseStatus => _socket.CloseStatus;

    /// <summary>Completes when the server has closed the connection (or it broke).</summary>
    public Task Closed => _reading;

    public static async Task<Board> ConnectAsync(Func<Task<WebSocket>> connect) => new(await connect());

    /// <summary>The next message, or null if none came within <paramref name="timeout"/> (real time).</summary>
    public async Task<JsonElement?> NextAsync(TimeSpan timeout)
    {
        using var wait = new CancellationTokenSource(timeout);
        try
        {
            return await _messages.Reader.ReadAsync(wait.Token);
        }
        catch (Exception exception) when (exception is OperationCanceledException or ChannelClosedException)
        {
            return null;
        }
    }

    /// <summary>The next message's <c>type</c> (fails the test if none came within 5 s).</summary>
    public async Task<JsonElement> ExpectAsync(string type)
    {
        var message = await NextAsync(TimeSpan.FromSeconds(5));
        Assert.True(message.HasValue, $"no message came; expected {type}");
        Assert.Equal(type, message.Value.GetProperty("type").GetString());
        return message.Value;
    }

    public Task SendAsync(string text) => _socket.SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text, endOfMessage: true, CancellationToken.None);

    public async ValueTask DisposeAsync()
    {
        // The reader loop receives the server's answer to the close; this side only says goodbye.
        if (_socket.State == WebSocketState.Open)
        {
            try
            {
                await _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, CancellationToken.None);
                await _reading.WaitAsync(TimeSpan.FromSeconds(5));
            }
            catch (Exception exception) when (exception is WebSocketException or TimeoutException or OperationCanceledException or ObjectDisposedException or InvalidOperationException)
            {
                // Already going.
            }
        }

        _socket.Abort();
        _socket.Dispose();
    }

    private async Task ReadAsync()
    {
        var buffer = new byte[4096];
        try
        {
            while (_socket.State is WebSocketState.Open or WebSocketState.CloseSent)
            {
                var received = 0;
                WebSocketReceiveResult result;
                do
                {
                    result = await _socket.ReceiveAsync(buffer.AsMemory(received), CancellationToken.None) is var r
                        ? new WebSocketReceiveResult(r.Count, r.MessageType, r.EndOfMessage)
                        : null!;
                    received += result.Count;
                }
                while (!result.EndOfMessage && result.MessageType != WebSocketMessageType.Close);

                if (result.MessageType == WebSocketMessageType.Close)
                {
                    return;
                }

                _messages.Writer.TryWrite(JsonDocument.Parse(buffer.AsMemory(0, received)).RootElement.Clone());
            }
        }
        catch (Exception exception) when (exception is WebSocketException or OperationCanceledException or ObjectDisposedException)
        {
            // The connection broke.
        }
        finally
        {
            _messages.Writer.TryComplete();
        }
    }
}
