using System.Collections.Concurrent;
using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using PatrolScores.Gateway.BrowserTests.Infrastructure;

namespace PatrolScores.Gateway.BrowserTests.Board;

/// <summary>
/// <c>/board</c> in headless Chromium against the simulated OSM: the page pairs itself (a leader approves its code in
/// a second browser context), shows the scores, gets a change pushed over the stream within 2 s, recovers after the
/// gateway restarts without a reload, shows OSM's block, and forgets itself. Every request the page makes stays on
/// the gateway's origin. Screenshots at 1920×1080 and 768×1024 go to <see cref="ScreenshotFolder"/>.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed partial class BoardInBrowserTests(BrowserFixture browser)
{
    private const string AdminKey = "browser-test-operator-key";
    private const long Section = 10001;
    private const long Eagles = 72700;

    private static readonly ViewportSize Landscape = new() { Width = 1920, Height = 1080 };
    private static readonly ViewportSize Portrait = new() { Width = 768, Height = 1024 };

    /// <summary>Where the screenshots are written: <c>board-screenshots</c> beside the test assembly.</summary>
    public static string ScreenshotFolder => Path.Combine(AppContext.BaseDirectory, "board-screenshots");

    [SkippableFact]
    public async Task A_board_pairs_itself_shows_pushed_scores_survives_a_restart_shows_a_block_and_forgets_itself()
    {
        browser.RequireBrowser();
        await using var host = await GatewayWithSimulator.StartAsync(new Dictionary<string, string?>
        {
            // The gateway's clock is fake and frozen unless a test moves it: a 1 s interval never makes a poll "early".
            ["Pairing:IntervalSeconds"] = "1",
            ["Refresh:Interval"] = "00:00:01",
            // The page re-checks the scores at their expiry (max-age, on the gateway's clock) in real seconds.
            ["Freshness:DefaultTtl"] = "00:00:10",
            ["Admin:Keys:0:Name"] = "browser-test",
            ["Admin:Keys:0:Sha256"] = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(AdminKey))),
        });
        Directory.CreateDirectory(ScreenshotFolder);
        var board = await browser.NewPageAsync(Landscape);
        var requests = new ConcurrentQueue<string>();
        board.Request += (_, request) => requests.Enqueue(request.Url);
        var problems = new ConcurrentQueue<string>();
        board.Console += (_, message) =>
        {
            if (message.Type == "error")
                problems.Enqueue(message.Text);
        };

        // Pairing: the page asks for a code itself and shows it with the QR code.
        await board.GotoAsync(host.Url("board"));
        var codeElement = board.Locator("#user-code");
        await Assertions.Expect(codeElement).ToHaveTextAsync(BoardPages.UserCode());
        var userCode = await codeElement.InnerTextAsync();
        await board.WaitForFunctionAsync("() => { const qr = document.getElementById('qr'); return qr.complete && qr.naturalWidth > 0; }");
        await board.ScreenshotAsync(new() { Path = Path.Combine(ScreenshotFolder, "pairing-1920x1080.png") });

        await BoardPages.ApproveAsLeaderAsync(browser, host, userCode);

        // Paired: the scores, full screen.
        await Assertions.Expect(board.Locator(".patrol")).ToHaveCountAsync(3, new() { Timeout = 15_000 });
        await Assertions.Expect(BoardPages.Score(board, "Wolves")).ToHaveTextAsync("47");
        await Assertions.Expect(BoardPages.Score(board, "Badgers")).ToHaveTextAsync("-5");
        await Assertions.Expect(board.Locator("#connection")).ToHaveTextAsync("Live");
        var stored = await board.EvaluateAsync<string>("() => localStorage.getItem('patrolscores.board')");
        Assert.Matches("^\\{\"token\":\"[A-Za-z0-9_-]{43}\",\"pairedAt\":\"[^\"]+\"\\}$", stored);
        await board.ScreenshotAsync(new() { Path = Path.Combine(ScreenshotFolder, "scores-1920x1080.png") });
        await board.SetViewportSizeAsync(Portrait.Width, Portrait.Height);
        await board.ScreenshotAsync(new() { Path = Path.Combine(ScreenshotFolder, "scores-768x1024.png") });
        await board.SetViewportSizeAsync(Landscape.Width, Landscape.Height);
        await board.EvaluateAsync("() => { window.sameDocument = true; }");

        // The leader's list of boards shows it like any other paired board.
        var listed = await LeaderListAsync(host);
        Assert.Contains("Scoreboard", listed, StringComparison.Ordinal);
        Assert.Contains("Section: Example Scouts.", listed, StringComparison.Ordinal);

        // A leader changes points on OSM: the refresh after an operator's expiry pushes them over the stream.
        await ChangePointsAsync(host, board, 99, within: TimeSpan.FromSeconds(2));

        // The gateway restarts: the page reconnects by itself and keeps receiving pushes.
        var streamsBefore = requests.Count(url => url.EndsWith("/api/v1/patrols/stream", StringComparison.Ordinal));
        await host.RestartGatewayAsync(downtime: TimeSpan.FromSeconds(1));
        await Assertions.Expect(board.Locator("#connection")).ToHaveTextAsync("Live", new() { Timeout = 30_000 });
        Assert.True(requests.Count(url => url.EndsWith("/api/v1/patrols/stream", StringComparison.Ordinal)) > streamsBefore, "the page opened a new stream");
        await ChangePointsAsync(host, board, 77, within: TimeSpan.FromSeconds(2));

        // The network goes and comes back: the page says so, then reconnects by itself.
        await board.Context.SetOfflineAsync(true);
        await Assertions.Expect(board.Locator("#connection")).ToContainTextAsync("Offline");
        await board.Context.SetOfflineAsync(false);
        await Assertions.Expect(board.Locator("#connection")).ToHaveTextAsync("Live", new() { Timeout = 30_000 });
        await ChangePointsAsync(host, board, 78, within: TimeSpan.FromSeconds(2));
        Assert.True(await board.EvaluateAsync<bool>("() => window.sameDocument === true"), "the page was not reloaded");

        // OSM blocks the application (X-Blocked): the board says so and says to contact the admin.
        host.Simulator.Faults.BlockedOnSuccess = true;
        await ExpireAsync(host);
        await WhileTimePassesAsync(host, () => Assertions.Expect(board.Locator("#banner")).ToContainTextAsync("Service blocked", new() { Timeout = 30_000 }));
        await Assertions.Expect(board.Locator("#banner")).ToContainTextAsync("contact your admin");
        await board.ScreenshotAsync(new() { Path = Path.Combine(ScreenshotFolder, "blocked-1920x1080.png") });
        await board.SetViewportSizeAsync(Portrait.Width, Portrait.Height);
        await board.ScreenshotAsync(new() { Path = Path.Combine(ScreenshotFolder, "blocked-768x1024.png") });

        // The operator lifts the block (so the leader can sign in below).
        host.Simulator.Faults.BlockedOnSuccess = false;
        await AdminPostAsync(host, "admin/api/global-block/clear", """{"reason":"browser test"}""");

        // Forget this board: the token is revoked and the page pairs again with a new code.
        await board.GetByRole(AriaRole.Button, new() { Name = "Forget this board" }).ClickAsync();
        await board.GetByRole(AriaRole.Button, new() { Name = "Yes, forget it" }).ClickAsync();
        await Assertions.Expect(board.Locator("#pairing")).ToBeVisibleAsync();
        await Assertions.Expect(codeElement).Not.ToHaveTextAsync(userCode);
        await Assertions.Expect(codeElement).ToHaveTextAsync(BoardPages.UserCode());
        Assert.Null(await board.EvaluateAsync<string?>("() => localStorage.getItem('patrolscores.board')"));
        await board.ScreenshotAsync(new() { Path = Path.Combine(ScreenshotFolder, "pairing-768x1024.png") });
        await board.Context.CloseAsync();
        Assert.Contains("You have no paired scoreboards.", await LeaderListAsync(host), StringComparison.Ordinal);

        var origin = host.BaseAddress.GetLeftPart(UriPartial.Authority);
        Assert.All(requests, url => Assert.StartsWith(origin + "/", url, StringComparison.Ordinal));
        Assert.Contains(requests, url => url.EndsWith("/api/v1/device", StringComparison.Ordinal));
        Assert.DoesNotContain(problems, text => text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase));
    }

    [SkippableFact]
    public async Task A_board_the_leader_revokes_forgets_its_token_and_shows_a_new_code_without_a_reload()
    {
        browser.RequireBrowser();
        await using var host = await GatewayWithSimulator.StartAsync(new Dictionary<string, string?> { ["Pairing:IntervalSeconds"] = "1" });
        var board = await browser.NewPageAsync(Landscape);
        await board.GotoAsync(host.Url("board"));
        var codeElement = board.Locator("#user-code");
        await Assertions.Expect(codeElement).ToHaveTextAsync(BoardPages.UserCode());
        var userCode = await codeElement.InnerTextAsync();
        await BoardPages.ApproveAsLeaderAsync(browser, host, userCode);
        await Assertions.Expect(board.Locator("#connection")).ToHaveTextAsync("Live", new() { Timeout = 15_000 });
        await board.EvaluateAsync("() => { window.sameDocument = true; }");

        var leader = await browser.NewPageAsync();
        try
        {
            await leader.GotoAsync(host.Url("devices"));
            await leader.GetByRole(AriaRole.Button, new() { Name = "Revoke Scoreboard" }).ClickAsync();
            await Assertions.Expect(leader.GetByRole(AriaRole.Status)).ToContainTextAsync("revoked");
        }
        finally
        {
            await leader.Context.CloseAsync();
        }

        // Its stream ends at the revocation; the reconnect is a 401: the token is dropped and pairing starts again.
        await Assertions.Expect(board.Locator("#pairing")).ToBeVisibleAsync();
        await Assertions.Expect(codeElement).Not.ToHaveTextAsync(userCode);
        await Assertions.Expect(codeElement).ToHaveTextAsync(BoardPages.UserCode());
        Assert.Null(await board.EvaluateAsync<string?>("() => localStorage.getItem('patrolscores.board')"));
        Assert.True(await board.EvaluateAsync<bool>("() => window.sameDocument === true"), "the page was not reloaded");
        await board.Context.CloseAsync();
    }

    [SkippableFact]
    public async Task Patrol_colours_and_negative_scores_are_drawn_from_the_body_and_a_limit_says_when_updates_return()
    {
        browser.RequireBrowser();
        await using var host = await GatewayWithSimulator.StartAsync();
        var board = await browser.NewPageAsync(Landscape);

        // A body as a gateway with patrol colours (not sent today) would answer; the stream is off (404) so the page polls.
        const string body = """
            {"patrols":[{"id":"1","name":"Kestrels","score":120},{"id":"2","name":"Otters","score":-40},{"id":"3","name":"Foxes","score":75},
            {"id":"4","name":"Herons","score":0},{"id":"5","name":"Stags with a very long patrol name","score":12}],
            "from_cache":true,"cached_at":"2026-11-23T14:30:00Z","cache_expires_at":"2026-11-23T15:00:00Z","rate_limit_state":"USER_TEMPORARY_BLOCK",
            "settings":{"patrolColors":{"1":"red","2":"blue","3":"purple","4":"","5":"yellow"}}}
            """;
        await board.RouteAsync("**/api/v1/patrols/stream", route => route.FulfillAsync(new() { Status = 404, ContentType = "application/json", Body = """{"error":"not_found","message":"off"}""" }));
        await board.RouteAsync("**/api/v1/patrols", route => route.FulfillAsync(new()
        {
            Status = 200,
            ContentType = "application/json",
            Headers = new Dictionary<string, string> { ["Cache-Control"] = "private, max-age=600" },
            Body = body,
        }));
        await board.GotoAsync(host.Url("board"));
        await board.EvaluateAsync("() => localStorage.setItem('patrolscores.board', JSON.stringify({ token: 'not-a-real-token', pairedAt: new Date().toISOString() }))");
        await board.ReloadAsync();

        await Assertions.Expect(board.Locator(".patrol")).ToHaveCountAsync(5);
        Assert.Equal(
            ["patrol-bar c-red", "patrol-bar negative c-blue", "patrol-bar c-green", "patrol-bar", "patrol-bar c-yellow"],
            await board.Locator(".patrol-bar").EvaluateAllAsync<string[]>("bars => bars.map(bar => bar.className)"));
        // Measured in the page in one go (two separate element lookups could fall between two redraws of the list):
        // waits until the negative bar is drawn and ends at the zero line, and fails if it never does.
        await board.WaitForFunctionAsync("""
            () => {
                const bar = document.querySelector('.patrol-bar.negative');
                const zero = document.querySelector('.patrol-zero');
                if (!bar || !zero) return false;
                const a = bar.getBoundingClientRect(), b = zero.getBoundingClientRect();
                return a.width > 0 && a.right <= b.left + 1;
            }
            """, null, new() { Timeout = 10_000 });
        await Assertions.Expect(board.Locator("#banner")).ToContainTextAsync("updates return at 15:00");
        await board.ScreenshotAsync(new() { Path = Path.Combine(ScreenshotFolder, "colours-limited-1920x1080.png") });
        await board.SetViewportSizeAsync(Portrait.Width, Portrait.Height);
        await board.ScreenshotAsync(new() { Path = Path.Combine(ScreenshotFolder, "colours-limited-768x1024.png") });
        await board.Context.CloseAsync();
    }

    // The leader's /devices page (signing in through the simulator, which approves at once): its main text.
    private async Task<string> LeaderListAsync(GatewayWithSimulator host)
    {
        var leader = await browser.NewPageAsync();
        try
        {
            await leader.GotoAsync(host.Url("devices"));
            await Assertions.Expect(leader.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Your scoreboards");
            return await leader.Locator("main").InnerTextAsync();
        }
        finally
        {
            await leader.Context.CloseAsync();
        }
    }

    private static async Task ChangePointsAsync(GatewayWithSimulator host, IPage board, int points, TimeSpan within)
    {
        host.Simulator.SetPatrolPoints(Section, Eagles, points);
        var clock = Stopwatch.StartNew();
        await ExpireAsync(host);
        await WhileTimePassesAsync(host, () => Assertions.Expect(BoardPages.Score(board, "Eagles")).ToHaveTextAsync(points.ToString(System.Globalization.CultureInfo.InvariantCulture), new() { Timeout = (float)within.TotalMilliseconds }));
        Assert.True(clock.Elapsed <= within, $"the board showed {points} after {clock.Elapsed.TotalMilliseconds:F0} ms");
    }

    private static Task ExpireAsync(GatewayWithSimulator host) => AdminPostAsync(host, $"admin/api/sections/{Section}/expire", null);

    private static async Task AdminPostAsync(GatewayWithSimulator host, string path, string? json)
    {
        using var client = host.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, path);
        request.Headers.Add("X-Api-Key", AdminKey);
        if (json is not null)
            request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        using var response = await client.SendAsync(request);
        Assert.True(response.IsSuccessStatusCode, $"{path} answered {(int)response.StatusCode}");
    }

    // The gateway's refresher runs on its fake clock: move it a second every 100 ms while the browser waits.
    private static async Task WhileTimePassesAsync(GatewayWithSimulator host, Func<Task> wait)
    {
        using var stop = new CancellationTokenSource();
        var ticker = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                host.Time.Advance(TimeSpan.FromSeconds(1));
                await Task.Delay(100, CancellationToken.None);
            }
        });
        try
        {
            await wait();
        }
        finally
        {
            await stop.CancelAsync();
            await ticker;
        }
    }
}
