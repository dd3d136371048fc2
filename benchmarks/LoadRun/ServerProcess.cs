using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace PatrolScores.LoadRun;

/// <summary>
/// A server under load, started as <c>taskset -c CPUS sh -c 'exec env COMMAND &gt;LOG 2&gt;&amp;1'</c>:
/// pinned, with its output going straight to a file so the harness does no work while wrk runs.
/// <c>env</c> lets the command begin with <c>Name=value</c> settings; taskset, sh and env all exec,
/// so one process id runs from taskset to the server, which is stopped with SIGTERM, then SIGKILL.
/// </summary>
internal sealed class ServerProcess : IAsyncDisposable
{
    private static readonly TimeSpan StopGrace = TimeSpan.FromSeconds(10);

    private readonly Process _process;

    private ServerProcess(string name, string command, string logPath, Process process)
    {
        Name = name;
        Command = command;
        LogPath = logPath;
        _process = process;
    }

    public string Name { get; }

    public string Command { get; }

    public string LogPath { get; }

    public bool HasExited => _process.HasExited;

    /// <summary>The server's own process id: taskset and sh exec into it.</summary>
    public int Id => _process.Id;

    public static ServerProcess Start(string name, string command, string cpus, string logPath)
    {
        var startInfo = new ProcessStartInfo("taskset")
        {
            ArgumentList = { "-c", cpus, "/bin/sh", "-c", $"exec env {command} >{Shell.Quote(logPath)} 2>&1" },
            UseShellExecute = false,
        };
        var process = Process.Start(startInfo) ?? throw new LoadRunFailedException($"could not start {name}: {command}");
        return new ServerProcess(name, command, logPath, process);
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

            using var grace = new CancellationTokenSource(StopGrace);
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
