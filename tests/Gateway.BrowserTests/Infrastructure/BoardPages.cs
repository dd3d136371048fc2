using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace PatrolScores.Gateway.BrowserTests.Infrastructure;

/// <summary>What the browser tests of <c>/board</c> share: its pairing code's shape, a patrol's score on it, and a leader approving it.</summary>
internal static partial class BoardPages
{
    /// <summary>A user code as the board shows it (RFC 8628 §6.1: consonants, two groups of four).</summary>
    [GeneratedRegex("^[BCDFGHJKLMNPQRSTVWXZ]{4}-[BCDFGHJKLMNPQRSTVWXZ]{4}$")]
    public static partial Regex UserCode();

    /// <summary>The score shown beside <paramref name="patrol"/> on a board page.</summary>
    public static ILocator Score(IPage board, string patrol) =>
        board.Locator(".patrol").Filter(new() { Has = board.Locator(".patrol-name", new() { HasTextString = patrol }) }).Locator(".patrol-score");

    /// <summary>
    /// As PairingInBrowserTests: the leader, on a phone, enters the code, confirms, signs in (the simulator approves at once)
    /// and chooses <paramref name="section"/> (Example Scouts unless told).
    /// </summary>
    public static async Task ApproveAsLeaderAsync(BrowserFixture browser, GatewayWithSimulator host, string userCode, string section = "Example Scouts")
    {
        var leader = await browser.NewPageAsync();
        try
        {
            await leader.GotoAsync(host.Url($"device?user_code={userCode}"));
            await leader.GetByRole(AriaRole.Button, new() { Name = "Continue" }).ClickAsync();
            await leader.GetByRole(AriaRole.Button, new() { Name = "Confirm" }).ClickAsync();
            await leader.GetByLabel(section).CheckAsync();
            await leader.GetByRole(AriaRole.Button, new() { Name = "Show these scores" }).ClickAsync();
            await Assertions.Expect(leader.GetByRole(AriaRole.Heading)).ToHaveTextAsync("Scoreboard paired");
        }
        finally
        {
            await leader.Context.CloseAsync();
        }
    }
}
