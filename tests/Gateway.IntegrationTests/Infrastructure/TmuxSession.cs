using System.Diagnostics;

namespace PatrolScores.Gateway.IntegrationTests.Infrastructure;

/// <summary>
/// A program running in a terminal, as a person would see it: one detached tmux session on a tmux server of its own
/// (a private socket file, <c>tmux -S</c>, removed with it), whose screen is read with <c>capture-pane -p</c> (text only, colours removed).
/// Disposing kills that server, whatever the test's outcome. Without tmux, outside CI, tests skip; in CI they fail
/// (<c>.ci/install-tmux.sh</c> installs it).
/// </summary>
internal sealed class TmuxSession : IAsyncDisposable
{
    private const string SessionName = "board";
    private readonly string _socket = Path.Combine(Path.GetTempPath(), $"patrolscores-tmux-{Guid.NewGuid():N}");

    private TmuxSession()
    {
    }

    /// <summary>Skips the test when tmux is missing outside CI (in CI, a missing tmux fails it).</summary>
    public static void RequireTmux()
    {
        var found = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator)
            .Any(folder => folder.Length > 0 && File.Exists(Path.Combine(folder, "tmux")));
        var inCi = string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);
        Assert.True(found || !inCi, "tmux is not installed: run .ci/install-tmux.sh as root.");
        Skip.IfNot(found, "tmux is not installed: run .ci/install-tmux.sh as root.");
    }

    /// <summary>
    /// Starts <paramref name="command"/> (its arguments passed as they are, no shell) in a <paramref name="columns"/> ×
    /// <paramref name="rows"/> terminal, with <paramref name="environment"/> added; the pane stays after the program
    /// exits, so its last screen can still be read.
    /// </summary>
    public static async Task<TmuxSession> StartAsync(int columns, int rows, IReadOnlyDictionary<string, string> environment, params string[] command)
    {
        var session = new TmuxSession();
        List<string> args = ["new-session", "-d", "-s", SessionName, "-x", $"{columns}", "-y", $"{rows}"];
        foreach (var (name, value) in environment)
        {
            args.AddRange(["-e", $"{name}={value}"]);
        }

        // tmux runs one shell command: each argument is single-quoted for it.
        args.Add(string.Join(' ', command.Select(arg => $"'{arg.Replace("'", "'\\''", StringComparison.Ordinal)}'")));
        await session.TmuxAsync([.. args]);
        await session.TmuxAsync("set-option", "-t", SessionName, "remain-on-exit", "on");
        return session;
    }

    /// <summary>The screen as text, one line a row.</summary>
    public Task<string> CaptureAsync() => TmuxAsync("capture-pane", "-p", "-t", SessionName);

    /// <summary>Types keys (tmux key names, e.g. <c>C-c</c>).</summary>
    public Task SendKeysAsync(string keys) => TmuxAsync("send-keys", "-t", SessionName, keys);

    /// <summary>Whether the program has exited (its pane is dead).</summary>
    public async Task<bool> HasExitedAsync() =>
        (await TmuxAsync("list-panes", "-t", SessionName, "-F", "#{pane_dead}")).Trim() == "1";

    /// <summary>
    /// Reads the screen until <paramref name="appeared"/> holds for it (every 200 ms, at most <paramref name="timeout"/>);
    /// returns that screen, or fails the test with the last one.
    /// </summary>
    public async Task<string> WaitForScreenAsync(Func<string, bool> appeared, TimeSpan timeout, string what)
    {
        var (shown, screen) = await TryWaitForScreenAsync(appeared, timeout);
        Assert.True(shown, $"{what} did not appear within {timeout.TotalSeconds} s; the screen:\n{screen}");
        return screen;
    }

    /// <summary>As <see cref="WaitForScreenAsync"/>, but says whether it appeared instead of failing; with the last screen.</summary>
    public async Task<(bool Appeared, string Screen)> TryWaitForScreenAsync(Func<string, bool> appeared, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var screen = await CaptureAsync();
            if (appeared(screen))
            {
                return (true, screen);
            }

            if (DateTime.UtcNow >= deadline)
            {
                return (false, screen);
            }

            await Task.Delay(200);
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await TmuxAsync("kill-server");
        }
        catch (Xunit.Sdk.XunitException)
        {
            // Already gone.
        }

        File.Delete(_socket); // tmux leaves its socket file behind
    }

    private async Task<string> TmuxAsync(params string[] args)
    {
        var info = new ProcessStartInfo("tmux") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add("-S");
        info.ArgumentList.Add(_socket);
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, $"tmux {string.Join(' ', args)} failed: {await error}");
        return await output;
    }
}
