using PatrolScores.TerminalBoard.Hosting;
using PatrolScores.TerminalBoard.Pairing;

namespace PatrolScores.TerminalBoard.Tests;

/// <summary>The pure parts of pairing: the poll interval, the QR code, the command line and the kept token.</summary>
public sealed class PairingTests
{
    [Fact]
    public void The_interval_is_the_servers_and_grows_by_five_seconds_on_slow_down()
    {
        Assert.Equal(TimeSpan.FromSeconds(5), PollInterval.Initial(null));
        Assert.Equal(TimeSpan.FromSeconds(1), PollInterval.Initial(0));
        Assert.Equal(TimeSpan.FromSeconds(15), PollInterval.AfterSlowDown(PollInterval.AfterSlowDown(PollInterval.Initial(5))));
    }

    [Fact]
    public void The_qr_code_is_square_in_half_blocks_with_a_light_quiet_zone()
    {
        var lines = QrCodeText.Render("http://127.0.0.1:5080/d/BCDFGHJK")
            .Select(line => line.Replace("\e[97;40m", "", StringComparison.Ordinal).Replace("\e[0m", "", StringComparison.Ordinal))
            .ToList();

        var size = lines[0].Length;
        Assert.Equal((size + 1) / 2, lines.Count); // two modules a row
        Assert.All(lines, line => Assert.Equal(size, line.Length));
        Assert.Equal(new string('█', size), lines[0]); // the quiet zone
        Assert.StartsWith("████ ", lines[2], StringComparison.Ordinal); // a finder pattern's dark edge after it
    }

    [Theory]
    [InlineData(new string[0], "http://127.0.0.1:5080/", null, false)]
    [InlineData(new[] { "--gateway", "http://gw:8080", "--token", "t" }, "http://gw:8080/", "t", false)]
    [InlineData(new[] { "--gateway=https://gw/base", "--forget" }, "https://gw/base/", null, true)]
    public void The_command_line_is_read(string[] args, string gateway, string? token, bool forget)
    {
        var (arguments, error) = BoardArguments.Parse(args);

        Assert.Null(error);
        Assert.Equal(new BoardArguments(new Uri(gateway), token, forget, false), arguments);
    }

    [Theory]
    [InlineData("--gateway", "--gateway needs a value")]
    [InlineData("--gateway=ftp://gw", "--gateway must be an http or https URL: ftp://gw")]
    [InlineData("--colour", "unknown argument: --colour")]
    public void A_bad_command_line_says_why(string arg, string message)
    {
        Assert.Equal((null, message), BoardArguments.Parse([arg]));
    }

    [Fact]
    public void The_token_is_kept_for_its_gateway_only_readable_by_its_owner_and_forgotten()
    {
        var folder = Directory.CreateTempSubdirectory("terminal-board-").FullName;
        try
        {
            var file = new TokenFile(Path.Combine(folder, "patrolscores", "terminal-board.json"));
            var gateway = new Uri("http://127.0.0.1:5080/");
            file.Save(gateway, "device-token");

            Assert.Equal("device-token", file.Load(new Uri("http://127.0.0.1:5080/")));
            Assert.Null(file.Load(new Uri("http://127.0.0.1:6080/")));
            if (!OperatingSystem.IsWindows())
            {
                Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file.Path));
            }

            Assert.True(file.Forget());
            Assert.Null(file.Load(gateway));
            Assert.False(file.Forget());
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
