using System.Text.RegularExpressions;
using PatrolScores.TerminalBoard.Display;
using PatrolScores.TerminalBoard.Scores;

namespace PatrolScores.TerminalBoard.Tests;

/// <summary>The drawn board, read as a terminal shows it (colours removed).</summary>
public sealed partial class BoardViewTests
{
    private static readonly DateTimeOffset Cached = new(2026, 11, 23, 14, 30, 0, TimeSpan.Zero);

    [Fact]
    public void Each_patrol_is_a_line_with_its_bar_and_score_in_the_servers_order()
    {
        var snapshot = Snapshot("NONE", ("Badgers", -5m), ("Eagles", 32m), ("Wolves", 47.5m));

        var lines = Plain(BoardView.Render(new BoardModel("http://gw", snapshot, new StatusLine("Fresh", StatusLevel.Good), "Live"), 60));

        Assert.Equal("PatrolScores · http://gw", lines[0]);
        Assert.Matches(@"^Badgers █+ +-5$", lines[2]);
        Assert.Matches(@"^Eagles  +█+ +32$", lines[3]);
        Assert.Matches(@"^Wolves  +█+ 47\.5$", lines[4]);
        Assert.All(lines.Skip(2).Take(3), line => Assert.Equal(59, line.Length)); // the last column left free
        Assert.Equal("Fresh", lines[6]);
        Assert.Equal("Live · Ctrl+C to quit", lines[7]);
    }

    [Fact]
    public void Colours_come_from_the_settings_and_unknown_names_are_green()
    {
        var snapshot = Snapshot("NONE", ("Eagles", 3m), ("Wolves", 4m)) with
        {
            Settings = new BoardSettings(new Dictionary<string, string> { ["p0"] = "red", ["p1"] = "purple" }),
        };

        var lines = BoardView.Render(new BoardModel("http://gw", snapshot, null, "Live"), 40);

        Assert.Contains(Ansi.Foreground("red") + Ansi.Bold + "Eagles", lines[2], StringComparison.Ordinal);
        Assert.Contains(Ansi.Foreground("green") + Ansi.Bold + "Wolves", lines[3], StringComparison.Ordinal);
    }

    [Fact]
    public void A_blocked_service_hides_the_scores_as_the_boards_in_the_field_do()
    {
        var lines = Plain(BoardView.Render(new BoardModel("http://gw", Snapshot("SERVICE_BLOCKED", ("Eagles", 32m)), null, "Live"), 60));

        Assert.Contains("Service Blocked", lines);
        Assert.Contains("Contact Admin", lines);
        Assert.DoesNotContain(lines, line => line.Contains("Eagles", StringComparison.Ordinal));
    }

    [Fact]
    public void Before_any_scores_it_says_it_waits()
    {
        Assert.Contains("Waiting for the scores…", Plain(BoardView.Render(new BoardModel("http://gw", null, null, "Connecting"), 60)));
    }

    private static PatrolsSnapshot Snapshot(string state, params (string Name, decimal Score)[] patrols) =>
        new([.. patrols.Select((p, i) => new Patrol($"p{i}", p.Name, p.Score))], false, Cached, Cached.AddMinutes(5), state, null);

    private static List<string> Plain(IEnumerable<string> lines) => [.. lines.Select(line => Escape().Replace(line, ""))];

    [GeneratedRegex(@"\e\[[0-9;?]*[A-Za-z]")]
    private static partial Regex Escape();
}
