using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace PatrolScores.Gateway.IntegrationTests.Infrastructure;

/// <summary>
/// A Redis server of one test's own (the shared test Redis must never be killed under other tests):
/// <c>redis-server</c> on a free 127.0.0.1 port, persistence off, in a temporary folder. It can be
/// killed with SIGKILL, as the fault is, and started again empty on the same port.
/// </summary>
internal sealed class PrivateRedis : IAsyncDisposable
{
    private readonly string _folder;
    private Process? _process;

    private PrivateRedis(string folder, int port)
    {
        _folder = folder;
        Port = port;
    }

    public int Port { get; }

    /// <summary>A StackExchange.Redis configuration string for it.</summary>
    public string Configuration => $"127.0.0.1:{Port}";

    public static async Task<PrivateRedis> StartAsync()
    {
        TestServers.RequireDistributed();
        var redis = new PrivateRedis(Directory.CreateTempSubdirectory("patrolscores-redis-").FullName, FreePort());
        await redis.StartAgainAsync();
        return redis;
    }

    /// <summary>Starts the server (again, empty) on the same port and waits until it accepts connections.</summary>
    public async Task StartAgainAsync()
    {
        var start = new ProcessStartInfo("redis-server")
        {
            ArgumentList = { "--bind", "127.0.0.1", "--port", Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--save", "", "--appendonly", "no", "--dir", _folder },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        _process = Process.Start(start) ?? throw new InvalidOperationException("redis-server did not start.");
        _process.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
                await socket.ConnectAsync(IPAddress.Loopback, Port);
                return;
            }
            catch (SocketException)
            {
                await Task.Delay(50);
            }
        }

        throw new InvalidOperationException($"redis-server did not listen on {Port} within 10 s.");
    }

    /// <summary><c>kill -STOP</c>: the server hangs, its connections open and silent (a frozen VM, a swapped-out host).</summary>
    public Task PauseAsync() => SignalAsync("STOP");

    /// <summary><c>kill -CONT</c>: the hung server carries on.</summary>
    public Task ResumeAsync() => SignalAsync("CONT");

    /// <summary><c>kill -9</c>: the server dies at once, with no goodbye to its clients.</summary>
    public async Task KillAsync()
    {
        if (_process is { HasExited: false } process)
        {
            process.Kill();
            await process.WaitForExitAsync();
        }

        _process?.Dispose();
        _process = null;
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // A temporary folder.
        }
    }

    private async Task SignalAsync(string signal)
    {
        using var kill = Process.Start(new ProcessStartInfo("kill", $"-{signal} {_process!.Id}") { UseShellExecute = false })!;
        await kill.WaitForExitAsync();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
