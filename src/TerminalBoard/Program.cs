using System.Text;
using PatrolScores.TerminalBoard.Display;
using PatrolScores.TerminalBoard.Hosting;
using PatrolScores.TerminalBoard.Pairing;
using PatrolScores.TerminalBoard.Scores;

// A scoreboard in the terminal (issue 15): pairs with a PatrolScores gateway like a board in a hut (RFC 8628 device
// flow, QR code), then draws the section's scores as coloured bars and follows the live stream. See README.md
// ("Set up") and BoardArguments for the command line.
var (arguments, error) = BoardArguments.Parse(args);
if (arguments is null)
{
    await Console.Error.WriteLineAsync($"PatrolScores terminal board: {error}\n\n{BoardArguments.Usage}");
    return 2;
}

if (arguments.Help)
{
    Console.WriteLine(BoardArguments.Usage);
    return 0;
}

var tokens = TokenFile.ForUser();
if (arguments.Forget)
{
    Console.WriteLine(tokens.Forget() ? $"Forgot the device token kept in {tokens.Path}." : $"No device token was kept ({tokens.Path}).");
    return 0;
}

using var stopping = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true; // end cleanly: the loops below see the cancellation and the screen is restored
    stopping.Cancel();
};
Console.OutputEncoding = Encoding.UTF8;
using var http = new HttpClient { BaseAddress = arguments.Gateway, Timeout = Timeout.InfiniteTimeSpan };
var time = TimeProvider.System;
var zone = TimeZoneInfo.Local;
var gateway = arguments.Gateway.ToString().TrimEnd('/');
var refused = false;
using (var screen = new TerminalScreen(Console.Out))
{
    try
    {
        var token = arguments.Token ?? tokens.Load(arguments.Gateway);
        while (true)
        {
            if (token is null)
            {
                token = await new DeviceFlow(http, screen, time, zone).PairAsync(stopping.Token);
                tokens.Save(arguments.Gateway, token);
            }

            var board = new BoardState(gateway);
            using var feedStopping = CancellationTokenSource.CreateLinkedTokenSource(stopping.Token);
            var drawing = DrawAsync(screen, board, feedStopping.Token);
            await new ScoreFeed(http, token, board, time, zone).RunAsync(feedStopping.Token);

            // The token was refused (revoked, or its section gone): pair again, as the boards in the field do.
            await feedStopping.CancelAsync();
            await drawing.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            if (arguments.Token is not null)
            {
                refused = true;
                break;
            }

            tokens.Forget();
            token = null;
        }
    }
    catch (OperationCanceledException) when (stopping.IsCancellationRequested)
    {
        // Ctrl+C.
    }
}

if (refused)
{
    await Console.Error.WriteLineAsync("PatrolScores terminal board: the gateway refused the --token given.");
    return 1;
}

return 0;

// Draws the board when it changes, and every second (the state's words depend on the clock; the terminal may be resized).
async Task DrawAsync(TerminalScreen screen, BoardState board, CancellationToken cancellationToken)
{
    while (!cancellationToken.IsCancellationRequested)
    {
        screen.Draw(BoardView.Render(board.Model(time.GetUtcNow(), zone), TerminalScreen.Width));
        await board.WaitForChangeAsync(TimeSpan.FromSeconds(1), cancellationToken);
    }
}
