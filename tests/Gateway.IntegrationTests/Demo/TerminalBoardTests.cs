using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using PatrolScores.Gateway.IntegrationTests.Infrastructure;

namespace PatrolScores.Gateway.IntegrationTests.Demo;

/// <summary>
/// The terminal board (<c>src/TerminalBoard</c>, issue 15 part 3) as the README's demo runs it, in a real terminal
/// (tmux) against the real demo process (gateway + OSM simulator over HTTP): it shows a code, a leader approves the
/// code through the pairing pages, the board draws the section's patrols and scores, and a score given "in OSM"
/// appears on it without touching the board.
/// </summary>
public sealed partial class TerminalBoardTests
{
    [SkippableFact]
    public async Task The_terminal_board_pairs_shows_the_scores_and_follows_a_change_made_in_osm()
    {
        TmuxSession.RequireTmux();
        var simulatorPort = GatewayProcess.FreePort();
        var folder = Directory.CreateTempSubdirectory("patrolscores-terminal-board-").FullName;
        try
        {
            // The gateway's address is chosen here (a later --urls wins over GatewayProcess's own), so that the pairing
            // pages' public address (Pairing:PublicBaseUrl) is the one the board and the leader use.
            var gatewayPort = GatewayProcess.FreePort();
            var gateway = $"http://127.0.0.1:{gatewayPort}";
            await using var demo = GatewayProcess.StartProgram(
                RepositoryRoot.BuiltProgram("Demo", "PatrolScores.Demo.dll"), AppContext.BaseDirectory,
                $"--simulator-url=http://127.0.0.1:{simulatorPort}",
                $"--urls={gateway}",
                $"--Pairing:PublicBaseUrl={gateway}",
                $"--Storage:Sqlite:Path={Path.Combine(folder, "records.db")}");
            using var client = new HttpClient { BaseAddress = new Uri(gateway + "/"), Timeout = TimeSpan.FromSeconds(30) };
            await demo.WaitUntilHealthyAsync(client);

            // No poll first: the board's own stream fetches the section's first copy, and the change below comes
            // within seconds of it (two copies in one second once shared a version, and the stream never sent the second).
            var config = Path.Combine(folder, "config");
            await using var terminal = await TmuxSession.StartAsync(100, 50, new Dictionary<string, string> { ["XDG_CONFIG_HOME"] = config },
                "dotnet", RepositoryRoot.BuiltProgram("TerminalBoard", "PatrolScores.TerminalBoard.dll"), "--gateway", gateway);

            var pairing = await terminal.WaitForScreenAsync(screen => UserCode().IsMatch(screen), TimeSpan.FromSeconds(60), "the user code");
            Assert.Contains($"{gateway}/device", pairing, StringComparison.Ordinal);
            Assert.Contains("████", pairing, StringComparison.Ordinal); // the QR code
            await LeaderApproval.ApproveAsync(client.BaseAddress!, UserCode().Match(pairing).Groups[1].Value, 10001);

            var board = await terminal.WaitForScreenAsync(screen => Shows(screen, "Eagles", "32"), TimeSpan.FromSeconds(30), "the scores");
            Assert.True(Shows(board, "Badgers", "-5"), board);
            Assert.True(Shows(board, "Wolves", "47"), board);
            Assert.Contains("Live: following the stream", board, StringComparison.Ordinal);
            Assert.True(File.Exists(Path.Combine(config, "patrolscores", "terminal-board.json")), "the device token was not kept");

            // The Eagles get 99 points in "OSM".
            using (var points = await client.PostAsync(new Uri($"http://127.0.0.1:{simulatorPort}/_sim/sections/10001/patrols/72700/points/99"), null))
            {
                points.EnsureSuccessStatusCode();
            }

            // The README's way to see it at once: expire the copy, poll once; the new copy reaches the board's stream.
            var polledBody = await ExpireAndPollAsync(client);
            var (shown, moved) = await terminal.TryWaitForScreenAsync(screen => Shows(screen, "Eagles", "99"), TimeSpan.FromSeconds(15));

            Assert.True(shown, $"the Eagles' new score did not appear; the screen:\n{moved}\nthe last poll: {polledBody}\nthe demo's output:\n{demo.StandardOutput}\n{demo.StandardError}");
            Assert.True(Shows(moved, "Wolves", "47"), moved);

            await terminal.SendKeysAsync("C-c");
            var exitDeadline = DateTime.UtcNow.AddSeconds(10);
            while (!await terminal.HasExitedAsync())
            {
                Assert.True(DateTime.UtcNow < exitDeadline, $"the board did not exit after Ctrl+C; the screen:\n{await terminal.CaptureAsync()}");
                await Task.Delay(200);
            }
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    // The README's way to see a change at once: the copy expired, then one poll (the demo's own board) fetches it.
    private static async Task<string> ExpireAndPollAsync(HttpClient client)
    {
        using var expire = new HttpRequestMessage(HttpMethod.Post, "admin/api/sections/10001/expire");
        expire.Headers.Add("X-Api-Key", "demo-admin-key");
        using var expired = await client.SendAsync(expire);
        expired.EnsureSuccessStatusCode();
        return await PollAsync(client);
    }

    // One poll as the demo's board paired in advance (the banner's first step).
    private static async Task<string> PollAsync(HttpClient client)
    {
        using var poll = new HttpRequestMessage(HttpMethod.Get, "api/v1/patrols");
        poll.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "demo-device-token");
        using var polled = await client.SendAsync(poll);
        polled.EnsureSuccessStatusCode();
        return await polled.Content.ReadAsStringAsync();
    }

    // A patrol's line: its name, its bar, its score at the end.
    private static bool Shows(string screen, string patrol, string score) =>
        screen.Split('\n').Any(line => Regex.IsMatch(line, $@"^{patrol} +[ █]*█[ █]* +{Regex.Escape(score)}\s*$"));

    [GeneratedRegex(@"Code: ([A-Z]{4}-[A-Z]{4})")]
    private static partial Regex UserCode();
}
