using System.Net.Http.Headers;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using PatrolScores.Gateway.IntegrationTests.Infrastructure;
using PatrolScores.OsmSimulator;

namespace PatrolScores.Gateway.IntegrationTests.Live;

/// <summary>
/// The boards in the field, exactly as <c>../shared/scoreboard-clients.md</c> describes them, against the real
/// gateway process over Kestrel and the real clock: a 200 asks them to connect; they connect with the token in
/// <c>Authorization: Bearer</c>, ping and expect a pong in time (scaled down: every 1 s, within 1 s), are told
/// <c>refresh-scores</c> when OSM's points change (refresh-ahead, no poll needed), see the new scores when they
/// poll, are replaced by a newer connection of the same device (told why) and reconnect, and are told
/// <c>disconnect</c> when the gateway stops.
/// </summary>
public sealed class FieldBoardProtocolTests
{
    private const long UserId = 100001;
    private const long SectionId = 10001;
    private const string DeviceToken = "field-board-test-device-token";
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(15);

    [Fact]
    public async Task A_field_board_connects_answers_pings_is_nudged_by_an_osm_change_replaced_and_told_of_shutdown()
    {
        var simulator = OsmSimulatorApp.Build(new SimulatorOptions { Urls = "http://127.0.0.1:0" });
        await simulator.StartAsync();
        try
        {
            var osm = simulator.GetSimulatorState();
            await using var gateway = GatewayProcess.Start(
                [.. GatewayProcess.PairedDeviceArgs(simulator, DeviceToken, UserId, SectionId),
                "--Freshness:DefaultTtl=00:00:04",
                "--Refresh:Lead=00:00:02",
                "--Refresh:Interval=00:00:01"]);
            using var client = new HttpClient { BaseAddress = gateway.BaseAddress, Timeout = Wait };
            await gateway.WaitUntilHealthyAsync(client);

            using var first = await PollAsync(client);
            Assert.True(first.RootElement.GetProperty("websocket").GetProperty("requested").GetBoolean());

            await using var board = await FieldBoard.ConnectAsync(gateway.BaseAddress);

            // Pings every second, a pong expected within one: still open after several rounds.
            await Task.Delay(TimeSpan.FromSeconds(3));
            Assert.Equal(WebSocketState.Open, board.State);

            // Points changed in OSM itself reach the board without any poll: the next refresh-ahead nudges it.
            osm.SetPatrolPoints(SectionId, 72700, 321);
            Assert.Equal("refresh-scores", (await board.ReceiveAsync()).GetProperty("type").GetString());
            using var polled = await PollAsync(client);
            Assert.Contains(321, polled.RootElement.GetProperty("patrols").EnumerateArray().Select(patrol => patrol.GetProperty("score").GetInt32()));

            // The same device connects again: the older connection is told why, and closed.
            await using var again = await FieldBoard.ConnectAsync(gateway.BaseAddress);
            var replaced = await board.ReceiveAsync();
            Assert.Equal("disconnect", replaced.GetProperty("type").GetString());
            Assert.Equal("replaced by new connection", replaced.GetProperty("reason").GetString());
            await board.ClosedAsync();

            // The gateway stops: the board is told before the close, and an open stream ends at once rather
            // than holding the process until Kestrel's shutdown timeout (30 s).
            using var streamClient = new HttpClient { BaseAddress = gateway.BaseAddress, Timeout = Timeout.InfiniteTimeSpan };
            using var streamRequest = new HttpRequestMessage(HttpMethod.Get, "api/v1/patrols/stream");
            streamRequest.Headers.Authorization = new AuthenticationHeaderValue("Bearer", DeviceToken);
            using var stream = await streamClient.SendAsync(streamRequest, HttpCompletionOption.ResponseHeadersRead);
            var streamBody = await stream.Content.ReadAsStreamAsync();
            Assert.True(await streamBody.ReadAsync(new byte[4096]) > 0);
            var stopping = System.Diagnostics.Stopwatch.StartNew();
            await gateway.SendTerminateAsync();
            var shutdown = await again.ReceiveAsync();
            Assert.Equal("disconnect", shutdown.GetProperty("type").GetString());
            Assert.Equal(0, await gateway.WaitForExitAsync(TimeSpan.FromSeconds(40)));
            Assert.True(stopping.Elapsed < TimeSpan.FromSeconds(15), $"the gateway took {stopping.Elapsed} to stop with a stream open");
        }
        finally
        {
            await simulator.StopAsync();
            await simulator.DisposeAsync();
        }
    }

    [Fact]
    public async Task A_board_that_stops_answering_pings_is_dropped()
    {
        var simulator = OsmSimulatorApp.Build(new SimulatorOptions { Urls = "http://127.0.0.1:0" });
        await simulator.StartAsync();
        try
        {
            await using var gateway = GatewayProcess.Start(
                [.. GatewayProcess.PairedDeviceArgs(simulator, DeviceToken, UserId, SectionId),
                "--Live:KeepAliveInterval=00:00:05",
                "--Live:KeepAliveTimeout=00:00:02"]);
            using var client = new HttpClient { BaseAddress = gateway.BaseAddress, Timeout = Wait };
            await gateway.WaitUntilHealthyAsync(client);

            // A board that lost power: the upgrade succeeds, then nothing is read or answered again.
            using var tcp = new System.Net.Sockets.TcpClient();
            await tcp.ConnectAsync(gateway.BaseAddress.Host, gateway.BaseAddress.Port);
            var network = tcp.GetStream();
            var handshake = $"GET /ws/device HTTP/1.1\r\nHost: {gateway.BaseAddress.Authority}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n" +
                $"Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\nAuthorization: Bearer {DeviceToken}\r\n\r\n";
            await network.WriteAsync(Encoding.ASCII.GetBytes(handshake));
            var buffer = new byte[1024];
            var read = await network.ReadAsync(buffer);
            Assert.StartsWith("HTTP/1.1 101", Encoding.ASCII.GetString(buffer, 0, read), StringComparison.Ordinal);

            // The gateway pings after 5 s and gives up 2 s later: the connection is closed, well before the idle timeout.
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
            bool dropped;
            try
            {
                while (await network.ReadAsync(buffer, timeout.Token) > 0)
                {
                    // Ping frames and, at most, a close: never answered.
                }

                dropped = true;
            }
            catch (IOException)
            {
                dropped = true;
            }
            catch (OperationCanceledException)
            {
                dropped = false;
            }

            Assert.True(dropped, "the gateway kept a board that answered no ping for 20 s");
        }
        finally
        {
            await simulator.StopAsync();
            await simulator.DisposeAsync();
        }
    }

    private static async Task<JsonDocument> PollAsync(HttpClient client)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "api/v1/patrols");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", DeviceToken);
        using var response = await client.SendAsync(request);
        response.EnsureSuccessStatusCode();
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync());
    }

    // The field client's socket: header token, a reader always receiving (as the field client's loop is), a ping
    // every interval and a pong expected within the timeout (System.Net's keep-alive ping/pong: the connection
    // aborts when the pong is late).
    private sealed class FieldBoard : IAsyncDisposable
    {
        private readonly ClientWebSocket _socket;
        private readonly System.Threading.Channels.Channel<JsonElement?> _received = System.Threading.Channels.Channel.CreateUnbounded<JsonElement?>();
        private readonly Task _reading;

        private FieldBoard(ClientWebSocket socket)
        {
            _socket = socket;
            _reading = ReadAsync();
        }

        public WebSocketState State => _socket.State;

        public static async Task<FieldBoard> ConnectAsync(Uri baseAddress)
        {
            var socket = new ClientWebSocket();
            socket.Options.SetRequestHeader("Authorization", $"Bearer {DeviceToken}");
            socket.Options.KeepAliveInterval = TimeSpan.FromSeconds(1);
            socket.Options.KeepAliveTimeout = TimeSpan.FromSeconds(1);
            var uri = new UriBuilder(baseAddress) { Scheme = "ws", Path = "/ws/device" }.Uri;
            using var timeout = new CancellationTokenSource(Wait);
            await socket.ConnectAsync(uri, timeout.Token);
            return new FieldBoard(socket);
        }

        /// <summary>The next text message (fails after 15 s, or when the server closed instead).</summary>
        public async Task<JsonElement> ReceiveAsync()
        {
            using var timeout = new CancellationTokenSource(Wait);
            var message = await _received.Reader.ReadAsync(timeout.Token);
            Assert.True(message.HasValue, "the server closed the connection instead of sending a message");
            return message.Value;
        }

        /// <summary>Completes when the server has closed the connection (fails after 15 s or on another message).</summary>
        public async Task ClosedAsync()
        {
            using var timeout = new CancellationTokenSource(Wait);
            var message = await _received.Reader.ReadAsync(timeout.Token);
            Assert.False(message.HasValue, $"expected the close, got {message}");
        }

        public async ValueTask DisposeAsync()
        {
            if (_socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
            {
                try
                {
                    using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
                    await _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "bye", timeout.Token);
                }
                catch (Exception exception) when (exception is WebSocketException or OperationCanceledException)
                {
                    // Gone already.
                }
            }

            await _reading.WaitAsync(TimeSpan.FromSeconds(5)).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            _socket.Dispose();
        }

        // Text messages as JSON; null once the server closes (or the connection breaks).
        private async Task ReadAsync()
        {
            var buffer = new byte[4096];
            try
            {
                while (true)
                {
                    var result = await _socket.ReceiveAsync(buffer, CancellationToken.None);
                    if (result.MessageType == WebSocketMessageType.Close)
                    {
                        break;
                    }

                    _received.Writer.TryWrite(JsonDocument.Parse(Encoding.UTF8.GetString(buffer, 0, result.Count)).RootElement.Clone());
                }
            }
            catch (WebSocketException)
            {
                // Broken: seen as closed.
            }

            _received.Writer.TryWrite(null);
        }
    }
}
