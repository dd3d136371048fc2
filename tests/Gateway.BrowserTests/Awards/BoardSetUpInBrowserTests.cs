using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using PatrolScores.Gateway.BrowserTests.Infrastructure;

namespace PatrolScores.Gateway.BrowserTests.Awards;

/// <summary>
/// Issue 13's whole story on a phone (headless Chromium, 390×844): a leader sets a patrol's colour, moves their board to
/// their other section, creates three local teams, awards them points, points the board at them and starts a 60 s timer.
/// A board client speaking the field boards' protocol (polls with the board's token, WebSocket <c>/ws/device</c>) sees
/// each change: the colour in the body, the new section's scores, the local teams, the timer messages; the <c>/board</c>
/// page shows them too. A second leader's board client sees none of it. Screenshots go to <see cref="ScreenshotFolder"/>.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed partial class BoardSetUpInBrowserTests(BrowserFixture browser)
{
    /// <summary>Where the screenshots are written: <c>board-setup-screenshots</c> beside the test assembly.</summary>
    public static string ScreenshotFolder => Path.Combine(AppContext.BaseDirectory, "board-setup-screenshots");

    [SkippableFact]
    public async Task A_leader_sets_a_colour_moves_a_board_runs_local_teams_and_a_timer_and_only_their_board_sees_it()
    {
        browser.RequireBrowser();
        await using var host = await GatewayWithSimulator.StartAsync(new Dictionary<string, string?> { ["Pairing:IntervalSeconds"] = "1" });
        Directory.CreateDirectory(ScreenshotFolder);

        // Sam's board page, paired to Example Scouts; Alex's board, paired to Sample Scouts.
        var board = await browser.NewPageAsync(new ViewportSize { Width = 1280, Height = 720 });
        var samToken = await PairAsync(board, host, "Example Scouts");
        await Assertions.Expect(BoardPages.Score(board, "Wolves")).ToHaveTextAsync("47", new() { Timeout = 15_000 });
        var alexPage = await browser.NewPageAsync(new ViewportSize { Width = 800, Height = 600 });
        host.Simulator.ApprovingUserId = 100002;
        var alexToken = await PairAsync(alexPage, host, "Sample Scouts");
        host.Simulator.ApprovingUserId = 100001;
        await Assertions.Expect(BoardPages.Score(alexPage, "Kestrels")).ToHaveTextAsync("5", new() { Timeout = 15_000 });
        await alexPage.Context.CloseAsync();

        using var http = host.CreateClient();
        await using var sams = await FieldBoard.ConnectAsync(host, samToken);
        await using var alexs = await FieldBoard.ConnectAsync(host, alexToken);
        var alexBefore = await PollAsync(http, alexToken);

        var phone = await browser.NewPageAsync();
        var problems = new ConcurrentQueue<string>();
        phone.Console += (_, message) =>
        {
            if (message.Type == "error")
                problems.Enqueue(message.Text);
        };
        try
        {
            // 1. A colour for Wolves.
            await phone.GotoAsync(host.Url("scores/10001"));
            await phone.GetByLabel("Colour for Wolves").SelectOptionAsync("red");
            await phone.GetByRole(AriaRole.Button, new() { Name = "Save colours" }).ClickAsync();
            await Assertions.Expect(phone.GetByRole(AriaRole.Status).Filter(new() { HasTextString = "Colours saved" })).ToBeVisibleAsync();
            await sams.ExpectAsync("refresh-scores");
            Assert.Equal("red", (await PollAsync(http, samToken)).GetProperty("settings").GetProperty("patrolColors").GetProperty("72699").GetString());
            await Assertions.Expect(board.Locator(".patrol[data-patrol-id=\"72699\"] .patrol-bar")).ToHaveClassAsync(new Regex("c-red"), new() { Timeout = 3_000 });
            await phone.ScreenshotAsync(new() { Path = Path.Combine(ScreenshotFolder, "colours-390x844.png"), FullPage = true });

            // 2. The board moves to Example Cubs.
            await phone.GotoAsync(host.Url("devices"));
            await phone.Locator("select[name=target]").SelectOptionAsync(new SelectOptionValue { Label = "Example Cubs" });
            await phone.GetByRole(AriaRole.Button, new() { NameRegex = MoveButton() }).ClickAsync();
            await Assertions.Expect(phone.GetByRole(AriaRole.Status)).ToContainTextAsync("moved");
            await sams.ExpectAsync("refresh-scores", "reconnect", "disconnect");
            Assert.Contains("Red Six", (await PollAsync(http, samToken)).GetProperty("patrols").GetRawText(), StringComparison.Ordinal);
            await Assertions.Expect(BoardPages.Score(board, "Red Six")).ToHaveTextAsync("12", new() { Timeout = 5_000 });
            await sams.ReconnectAsync();

            // 3. Three local teams, and points for them.
            await phone.GotoAsync(host.Url("scores/local"));
            var added = 0;
            foreach (var (name, colour) in new[] { ("Hawks", "green"), ("Owls", "yellow"), ("Foxes", "") })
            {
                await phone.GetByLabel("Team name").FillAsync(name);
                await phone.GetByLabel("Colour", new() { Exact = true }).SelectOptionAsync(colour);
                await phone.GetByRole(AriaRole.Button, new() { Name = "Add team" }).ClickAsync();
                await Assertions.Expect(phone.Locator(".score[data-team]")).ToHaveCountAsync(++added);
            }

            await phone.GetByRole(AriaRole.Button, new() { Name = "+5 Hawks", Exact = true }).ClickAsync();
            await Assertions.Expect(phone.Locator("#outcome")).ToContainTextAsync("Points awarded");
            await phone.GetByRole(AriaRole.Button, new() { Name = "+10 Owls", Exact = true }).ClickAsync();
            await Assertions.Expect(phone.Locator("#outcome")).ToContainTextAsync("Owls +10");

            // 4. The board shows the local teams.
            await phone.GotoAsync(host.Url("devices"));
            await phone.Locator("select[name=target]").SelectOptionAsync(new SelectOptionValue { Label = "Local teams" });
            await phone.GetByRole(AriaRole.Button, new() { NameRegex = MoveButton() }).ClickAsync();
            await sams.ExpectAsync("refresh-scores", "reconnect", "disconnect");
            var local = await PollAsync(http, samToken);
            Assert.Equal(["Hawks 5", "Owls 10", "Foxes 0"], local.GetProperty("patrols").EnumerateArray().Select(p => $"{p.GetProperty("name").GetString()} {p.GetProperty("score").GetInt32()}"));
            Assert.Equal(["green", "yellow"], local.GetProperty("settings").GetProperty("patrolColors").EnumerateObject().Select(c => c.Value.GetString()).Order());
            await Assertions.Expect(BoardPages.Score(board, "Owls")).ToHaveTextAsync("10", new() { Timeout = 5_000 });
            await sams.ReconnectAsync();

            // An award after pointing reaches the board at once.
            await phone.GotoAsync(host.Url("scores/local"));
            await phone.GetByRole(AriaRole.Button, new() { Name = "+1 Foxes", Exact = true }).ClickAsync();
            await sams.ExpectAsync("refresh-scores");
            await Assertions.Expect(BoardPages.Score(board, "Foxes")).ToHaveTextAsync("1", new() { Timeout = 3_000 });

            // 5. A 60 s timer on the boards showing local teams.
            await phone.GetByLabel("Minutes").FillAsync("1");
            await phone.GetByLabel("Seconds").FillAsync("0");
            await phone.GetByRole(AriaRole.Button, new() { Name = "Start", Exact = true }).ClickAsync();
            await Assertions.Expect(phone.Locator("#countdown-state")).ToContainTextAsync("Running: 1:00 left of 1:00");
            Assert.Equal(60, (await sams.ExpectAsync("timer-start")).GetProperty("duration").GetInt32());
            await Assertions.Expect(board.Locator("#timer")).ToHaveTextAsync(RunningClock(), new() { Timeout = 3_000 });
            await phone.ScreenshotAsync(new() { Path = Path.Combine(ScreenshotFolder, "local-teams-390x844.png"), FullPage = true });
            await board.ScreenshotAsync(new() { Path = Path.Combine(ScreenshotFolder, "board-local-teams-1280x720.png") });
            await phone.GetByRole(AriaRole.Button, new() { Name = "Pause", Exact = true }).ClickAsync();
            await sams.ExpectAsync("timer-pause");
        }
        finally
        {
            await phone.Context.CloseAsync();
            await board.Context.CloseAsync();
        }

        // The second leader's board heard nothing and shows what it showed.
        Assert.Empty(await alexs.DrainAsync(TimeSpan.FromMilliseconds(500)));
        var alexAfter = await PollAsync(http, alexToken);
        Assert.Equal(alexBefore.GetProperty("patrols").GetRawText(), alexAfter.GetProperty("patrols").GetRawText());
        Assert.False(alexAfter.TryGetProperty("settings", out _));
        Assert.Empty(problems);
    }

    // Pairs a /board page as the simulator's approving user, choosing `section`; returns the token the page keeps.
    private async Task<string> PairAsync(IPage page, GatewayWithSimulator host, string section)
    {
        await page.GotoAsync(host.Url("board"));
        var code = page.Locator("#user-code");
        await Assertions.Expect(code).ToHaveTextAsync(BoardPages.UserCode());
        await BoardPages.ApproveAsLeaderAsync(browser, host, await code.InnerTextAsync(), section);
        await Assertions.Expect(page.Locator("#connection")).ToHaveTextAsync("Live", new() { Timeout = 15_000 });
        var saved = await page.EvaluateAsync<string>("() => localStorage.getItem('patrolscores.board')");
        return JsonDocument.Parse(saved).RootElement.GetProperty("token").GetString()!;
    }

    private static async Task<JsonElement> PollAsync(HttpClient http, string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/patrols");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await http.SendAsync(request);
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
    }

    [GeneratedRegex("^Move ")]
    private static partial Regex MoveButton();

    [GeneratedRegex("^(1:00|0:5[0-9])$")]
    private static partial Regex RunningClock();

    /// <summary>A board as the field's client is: its WebSocket with the token in <c>Authorization</c>, messages in order.</summary>
    private sealed class FieldBoard : IAsyncDisposable
    {
        private readonly GatewayWithSimulator _host;
        private readonly string _token;
        private ClientWebSocket _socket;
        private System.Threading.Channels.Channel<JsonElement> _messages;
        private Task _reading;

        private FieldBoard(GatewayWithSimulator host, string token, ClientWebSocket socket)
        {
            _host = host;
            _token = token;
            _socket = socket;
            _messages = System.Threading.Channels.Channel.CreateUnbounded<JsonElement>();
            _reading = ReadAsync(socket, _messages.Writer);
        }

        public static async Task<FieldBoard> ConnectAsync(GatewayWithSimulator host, string token) => new(host, token, await OpenAsync(host, token));

        /// <summary>The next messages are <paramref name="types"/>, in order; returns the last.</summary>
        public async Task<JsonElement> ExpectAsync(params string[] types)
        {
            JsonElement message = default;
            foreach (var type in types)
            {
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
                message = await _messages.Reader.ReadAsync(timeout.Token);
                Assert.Equal(type, message.GetProperty("type").GetString());
            }

            return message;
        }

        /// <summary>Every message that comes within <paramref name="quiet"/>.</summary>
        public async Task<List<string>> DrainAsync(TimeSpan quiet)
        {
            var seen = new List<string>();
            await Task.Delay(quiet);
            while (_messages.Reader.TryRead(out var message))
            {
                seen.Add(message.GetRawText());
            }

            return seen;
        }

        /// <summary>As the field's client does after a <c>disconnect</c>: a new connection.</summary>
        public async Task ReconnectAsync()
        {
            await _reading;
            _socket.Dispose();
            _socket = await OpenAsync(_host, _token);
            _messages = System.Threading.Channels.Channel.CreateUnbounded<JsonElement>();
            _reading = ReadAsync(_socket, _messages.Writer);
        }

        public async ValueTask DisposeAsync()
        {
            if (_socket.State == WebSocketState.Open)
            {
                await _socket.CloseAsync(WebSocketCloseStatus.NormalClosure, null, CancellationToken.None);
            }

            await _reading.WaitAsync(TimeSpan.FromSeconds(5)).ContinueWith(_ => { }, TaskScheduler.Default);
            _socket.Dispose();
        }

        private static async Task<ClientWebSocket> OpenAsync(GatewayWithSimulator host, string token)
        {
            var socket = new ClientWebSocket();
            socket.Options.SetRequestHeader("Authorization", "Bearer " + token);
            await socket.ConnectAsync(new Uri(host.Url("ws/device").Replace("http://", "ws://", StringComparison.Ordinal)), CancellationToken.None);
            return socket;
        }

        private static async Task ReadAsync(ClientWebSocket socket, System.Threading.Channels.ChannelWriter<JsonElement> messages)
        {
            var buffer = new byte[4096];
            try
            {
                while (socket.State == WebSocketState.Open)
                {
                    var result = await socket.ReceiveAsync(buffer, CancellationToken.None);
                    if (result.MessageType == WebSocketMessageType.Close)
                    {
                        break;
                    }

                    messages.TryWrite(JsonDocument.Parse(Encoding.UTF8.GetString(buffer, 0, result.Count)).RootElement.Clone());
                }
            }
            catch (WebSocketException)
            {
                // The gateway went away: the messages so far stay readable.
            }

            messages.TryComplete();
        }
    }
}
