using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace PatrolScores.LiveRun;

/// <summary>
/// A server started as <c>taskset -c CPUS sh -c 'ulimit -n N; exec COMMAND &gt;LOG 2&gt;&amp;1'</c>: pinned, its
/// open-files limit raised for thousands of connections, its output going straight to a file. taskset and
/// sh exec, so the process id is the server's own (read for RSS and the diagnostics socket); stopped with
/// SIGTERM, then SIGKILL.
/// </summary>
internal sealed class ServerProcess : IAsyncDisposable
{
    private static readonly TimeSpan StopGrace = TimeSpan.FromSeconds(15);

    private readonly Process _process;

    private ServerProcess(string name, string logPath, Process process)
    {
        Name = name;
        LogPath = logPath;
        _process = process;
    }

    public string Name { get; }

    public string LogPath { get; }

    public bool HasExited => _process.HasExited;

    public int Id => _process.Id;

    public static ServerProcess Start(string name, IReadOnlyList<string> command, string cpus, ulong openFiles, string logPath)
    {
        var line = string.Join(' ', command.Select(Shell.Quote));
        var startInfo = new ProcessStartInfo("taskset")
        {
            ArgumentList = { "-c", cpus, "/bin/sh", "-c", $"ulimit -n {openFiles} && exec {line} >{Shell.Quote(logPath)} 2>&1" },
            UseShellExecute = false,
        };
        var process = Process.Start(startInfo) ?? throw new RunFailedException($"could not start {name}");
        return new ServerProcess(name, logPath, process);
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
