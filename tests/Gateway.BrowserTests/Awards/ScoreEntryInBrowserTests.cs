using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using PatrolScores.Gateway.BrowserTests.Infrastructure;

namespace PatrolScores.Gateway.BrowserTests.Awards;

/// <summary>
/// A leader on a phone (headless Chromium, 390×844) signs in at <c>/scores</c>, awards +5 to a patrol and sees the new
/// score; a board page paired to the section shows it at once (pushed), and OSM (the simulator) holds the total; an undo
/// brings both back, and the history lists both entries. Screenshots of the phone page go to <see cref="ScreenshotFolder"/>.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed partial class ScoreEntryInBrowserTests(BrowserFixture browser)
{
    /// <summary>Where the screenshots are written: <c>score-entry-screenshots</c> beside the test assembly.</summary>
    public static string ScreenshotFolder => Path.Combine(AppContext.BaseDirectory, "score-entry-screenshots");

    [SkippableFact]
    public async Task A_leader_awards_five_points_from_a_phone_and_the_board_shows_them_then_undoes_them()
    {
        browser.RequireBrowser();
        await using var host = await GatewayWithSimulator.StartAsync(new Dictionary<string, string?>
        {
            ["Pairing:IntervalSeconds"] = "1",
            ["Awards:SendSpacing"] = "00:00:00",
        });
        Directory.CreateDirectory(ScreenshotFolder);
        var board = await browser.NewPageAsync(new ViewportSize { Width = 1280, Height = 720 });
        await board.GotoAsync(host.Url("board"));
        var code = board.Locator("#user-code");
        await Assertions.Expect(code).ToHaveTextAsync(BoardPages.UserCode());
        await BoardPages.ApproveAsLeaderAsync(browser, host, await code.InnerTextAsync());
        await Assertions.Expect(BoardPages.Score(board, "Wolves")).ToHaveTextAsync("47", new() { Timeout = 15_000 });
        await Assertions.Expect(board.Locator("#connection")).ToHaveTextAsync("Live");

        var phone = await browser.NewPageAsync();
        var requests = new ConcurrentQueue<string>();
        var problems = new ConcurrentQueue<string>();
        phone.Request += (_, request) => requests.Enqueue(request.Url);
        phone.Console += (_, message) =>
        {
            if (message.Type == "error")
                problems.Enqueue(message.Text);
        };
        try
        {
            await phone.GotoAsync(host.Url("scores"));
            await Assertions.Expect(phone.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Award points");
            await phone.GetByRole(AriaRole.Link, new() { Name = "Example Scouts" }).ClickAsync();
            await Assertions.Expect(PageScore(phone, 72699)).ToHaveTextAsync("47");
            await phone.ScreenshotAsync(new() { Path = Path.Combine(ScreenshotFolder, "section-390x844.png"), FullPage = true });

            await phone.GetByLabel("Reason (optional)").FillAsync("Best campfire");
            await phone.GetByRole(AriaRole.Button, new() { Name = "+5 to Wolves" }).ClickAsync();

            await Assertions.Expect(phone.Locator("#outcome")).ToContainTextAsync("Points awarded");
            await Assertions.Expect(phone.Locator("#outcome")).ToContainTextAsync("Wolves +5: 47 → 52");
            await Assertions.Expect(PageScore(phone, 72699)).ToHaveTextAsync("52");
            await Assertions.Expect(BoardPages.Score(board, "Wolves")).ToHaveTextAsync("52", new() { Timeout = 2_000 });
            Assert.Equal(52, host.Simulator.GetPatrolPoints(10001, 72699));
            await Assertions.Expect(phone.Locator(".chart svg[role=img]")).ToBeVisibleAsync();
            await Assertions.Expect(phone.Locator("#biggest-climb")).ToContainTextAsync("Wolves, +5 (47 → 52)");
            await phone.ScreenshotAsync(new() { Path = Path.Combine(ScreenshotFolder, "awarded-390x844.png"), FullPage = true });

            await phone.GetByRole(AriaRole.Button, new() { NameRegex = UndoOfWolves() }).ClickAsync();
            await Assertions.Expect(phone.Locator("#outcome")).ToContainTextAsync("Undone");
            await Assertions.Expect(PageScore(phone, 72699)).ToHaveTextAsync("47");
            await Assertions.Expect(BoardPages.Score(board, "Wolves")).ToHaveTextAsync("47", new() { Timeout = 2_000 });
            Assert.Equal(47, host.Simulator.GetPatrolPoints(10001, 72699));
            var history = phone.Locator("ol.history > li");
            await Assertions.Expect(history).ToHaveCountAsync(2);
            await Assertions.Expect(history.Nth(0)).ToContainTextAsync("Wolves −5: 52 → 47");
            await Assertions.Expect(history.Nth(1)).ToContainTextAsync("Wolves +5: 47 → 52");
            await Assertions.Expect(history.Nth(1)).ToContainTextAsync("(undone)");
            await phone.ScreenshotAsync(new() { Path = Path.Combine(ScreenshotFolder, "undone-390x844.png"), FullPage = true });
        }
        finally
        {
            await phone.Context.CloseAsync();
            await board.Context.CloseAsync();
        }

        var origins = new[] { host.BaseAddress.GetLeftPart(UriPartial.Authority), host.SimulatorAddress.GetLeftPart(UriPartial.Authority) };
        Assert.All(requests, url => Assert.Contains(origins, origin => url.StartsWith(origin + "/", StringComparison.Ordinal)));
        Assert.Empty(problems);
    }

    [SkippableFact]
    public async Task A_leader_starts_pauses_and_resets_a_countdown_from_the_phone_and_the_board_shows_it()
    {
        browser.RequireBrowser();
        await using var host = await GatewayWithSimulator.StartAsync(new Dictionary<string, string?> { ["Pairing:IntervalSeconds"] = "1" });
        Directory.CreateDirectory(ScreenshotFolder);
        var board = await browser.NewPageAsync(new ViewportSize { Width = 1920, Height = 1080 });
        await board.GotoAsync(host.Url("board"));
        var code = board.Locator("#user-code");
        await Assertions.Expect(code).ToHaveTextAsync(BoardPages.UserCode());
        await BoardPages.ApproveAsLeaderAsync(browser, host, await code.InnerTextAsync());
        await Assertions.Expect(board.Locator("#connection")).ToHaveTextAsync("Live", new() { Timeout = 15_000 });
        var timer = board.Locator("#timer");
        await Assertions.Expect(timer).ToBeHiddenAsync();

        var phone = await browser.NewPageAsync();
        try
        {
            await phone.GotoAsync(host.Url("scores/10001"));
            await phone.GetByLabel("Minutes").FillAsync("1");
            await phone.GetByLabel("Seconds").FillAsync("0");
            await phone.GetByRole(AriaRole.Button, new() { Name = "Start", Exact = true }).ClickAsync();
            await Assertions.Expect(phone.Locator("#countdown-state")).ToContainTextAsync("Running: 1:00 left of 1:00");

            await Assertions.Expect(timer).ToHaveTextAsync(RunningClock(), new() { Timeout = 3_000 });
            await board.ScreenshotAsync(new() { Path = Path.Combine(ScreenshotFolder, "board-timer-1920x1080.png") });
            await board.SetViewportSizeAsync(768, 1024);
            await board.ScreenshotAsync(new() { Path = Path.Combine(ScreenshotFolder, "board-timer-768x1024.png") });

            await phone.GetByRole(AriaRole.Button, new() { Name = "Pause", Exact = true }).ClickAsync();
            await Assertions.Expect(timer).ToContainTextAsync("(paused)", new() { Timeout = 3_000 });
            await phone.GetByRole(AriaRole.Button, new() { Name = "Reset", Exact = true }).ClickAsync();
            await Assertions.Expect(timer).ToBeHiddenAsync(new() { Timeout = 3_000 });
        }
        finally
        {
            await phone.Context.CloseAsync();
            await board.Context.CloseAsync();
        }
    }

    // The board counts down itself in real seconds between the gateway's events: 1:00 or just below.
    [GeneratedRegex("^(1:00|0:5[0-9])$")]
    private static partial Regex RunningClock();

    [GeneratedRegex("^Undo Wolves \\+5")]
    private static partial Regex UndoOfWolves();

    private static ILocator PageScore(IPage phone, long patrolId) => phone.Locator($".score[data-patrol=\"{patrolId}\"]");
}
