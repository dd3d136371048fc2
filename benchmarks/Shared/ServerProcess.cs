using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace PatrolScores.Benchmarks;

/// <summary>
/// A server under measurement (shared by LoadRun and LiveRun), started as
/// <c>taskset -c CPUS sh -c '[ulimit -n N &amp;&amp; ]exec COMMAND &gt;LOG 2&gt;&amp;1'</c>: pinned, optionally with its
/// open-files limit raised for thousands of connections, its output going straight to a file so the harness
/// does no work meanwhile. taskset and sh exec (as does <c>env</c> when the command starts with it), so one
/// process id runs from taskset to the server (read for CPU, RSS and the diagnostics socket); stopped with
/// SIGTERM, then SIGKILL after the grace period.
/// </summary>
internal sealed class ServerProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly TimeSpan _stopGrace;

    private ServerProcess(string name, string command, string logPath, Process process, TimeSpan stopGrace)
    {
        Name = name;
        Command = command;
        LogPath = logPath;
        _process = process;
        _stopGrace = stopGrace;
    }

    public string Name { get; }

    /// <summary>The shell command the server was started with.</summary>
    public string Command { get; }

    public string LogPath { get; }

    public bool HasExited => _process.HasExited;

    /// <summary>The server's own process id: taskset and sh exec into it.</summary>
    public int Id => _process.Id;

    /// <param name="command">A shell command line, already quoted (<see cref="Shell.Quote"/>).</param>
    /// <param name="openFiles">The soft open-files limit to set first, or null to inherit the harness's.</param>
    public static ServerProcess Start(string name, string command, string cpus, string logPath, TimeSpan stopGrace, ulong? openFiles = null)
    {
        var limit = openFiles is { } files ? string.Create(CultureInfo.InvariantCulture, $"ulimit -n {files} && ") : string.Empty;
        var startInfo = new ProcessStartInfo("taskset")
        {
            ArgumentList = { "-c", cpus, "/bin/sh", "-c", $"{limit}exec {command} >{Shell.Quote(logPath)} 2>&1" },
            UseShellExecute = false,
        };

        // Without shell execute, Process.Start returns a process or throws.
        var process = Process.Start(startInfo) ?? throw new InvalidOperationException($"could not start {name}: {command}");
        return new ServerProcess(name, command, logPath, process, stopGrace);
    }

    /// <summary>A loopback port that was free a moment ago.</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>The last lines the server wrote, to explain a failure.</summary>
    public string LogTail(int lines = 30)
    {
        if (!File.Exists(LogPath))
        {
            return "(no output)";
        }

        using var stream = new FileStream(LogPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        var all = new StreamReader(stream).ReadToEnd().Split('\n');
        var tail = string.Join('\n', all.TakeLast(lines)).TrimEnd();
        return tail.Length > 0 ? tail : "(no output)";
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            using (var term = Process.Start("kill", ["-TERM", Id.ToString(CultureInfo.InvariantCulture)]))
            {
                await term.WaitForExitAsync();
            }

            using var grace = new CancellationTokenSource(_stopGrace);
            try
            {
                await _process.WaitForExitAsync(grace.Token);
            }
            catch (OperationCanceledException)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync();
            }
        }

        _process.Dispose();
    }
}
