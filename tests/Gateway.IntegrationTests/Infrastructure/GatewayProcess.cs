using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using PatrolScores.OsmSimulator;

namespace PatrolScores.Gateway.IntegrationTests.Infrastructure;

/// <summary>
/// Runs the built gateway as its own process (<c>dotnet PatrolScores.Gateway.dll</c>), the way an
/// operator starts it, to observe what a person sees: exit code, standard error, served endpoints.
/// </summary>
internal sealed class GatewayProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _stdout = new();
    private readonly StringBuilder _stderr = new();

    private GatewayProcess(Process process, Uri baseAddress)
    {
        _process = process;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    public string StandardError
    {
        get
        {
            lock (_stderr)
            {
                return _stderr.ToString();
            }
        }
    }

    public string StandardOutput
    {
        get
        {
            lock (_stdout)
            {
                return _stdout.ToString();
            }
        }
    }

    public int? ExitCode => _process.HasExited ? _process.ExitCode : null;

    public static GatewayProcess Start(params string[] args) => StartIn(AppContext.BaseDirectory, args);

    /// <summary>
    /// The arguments for a gateway in embedded mode (a fresh SQLite file) in front of <paramref name="simulator"/>, with
    /// one device paired in advance (<c>Demo:Device</c>): <paramref name="deviceToken"/> for user <paramref name="userId"/>'s
    /// section <paramref name="sectionId"/>, holding OSM tokens the simulator just issued.
    /// </summary>
    public static string[] PairedDeviceArgs(Microsoft.AspNetCore.Builder.WebApplication simulator, string deviceToken, long userId, long sectionId)
    {
        var tokens = simulator.GetSimulatorState().IssueTokens(userId);
        var database = Path.Combine(Directory.CreateTempSubdirectory("patrolscores-process-").FullName, "records.db");
        return
        [
            $"--Storage:Sqlite:Path={database}",
            $"--Osm:BaseUrl={simulator.BaseAddress().ToString().TrimEnd('/')}",
            $"--Demo:Device:Token={deviceToken}",
            $"--Demo:Device:OsmUserId={userId}",
            $"--Demo:Device:SectionId={sectionId}",
            $"--Demo:Device:OsmAccessToken={tokens.AccessToken}",
            $"--Demo:Device:OsmRefreshToken={tokens.RefreshToken}",
        ];
    }

    /// <summary>Starts the gateway with <paramref name="workingDirectory"/> as its current directory (as a service manager or a shell elsewhere would).</summary>
    public static GatewayProcess StartIn(string workingDirectory, params string[] args) =>
        StartProgram(Path.Combine(AppContext.BaseDirectory, "PatrolScores.Gateway.dll"), workingDirectory, args);

    /// <summary>Starts another program that hosts the gateway (the demo, <c>src/Demo</c>) the same way.</summary>
    public static GatewayProcess StartProgram(string dll, string workingDirectory, params string[] args) =>
        StartCommand(new ProcessStartInfo("dotnet", [dll]), workingDirectory, new Dictionary<string, string>(), args);

    /// <summary>
    /// Starts a published gateway executable (a single-file publish, no <c>dotnet</c>) the same way, with
    /// <paramref name="environment"/> added to this process's environment.
    /// </summary>
    public static GatewayProcess StartExecutable(string executable, string workingDirectory, IReadOnlyDictionary<string, string> environment, params string[] args) =>
        StartCommand(new ProcessStartInfo(executable), workingDirectory, environment, args);

    // The command's own arguments (dotnet's program) are in info already; the listening address and args follow.
    private static GatewayProcess StartCommand(ProcessStartInfo info, string workingDirectory, IReadOnlyDictionary<string, string> environment, string[] args)
    {
        var port = FreePort();
        var baseAddress = new Uri($"http://127.0.0.1:{port}/");
        info.WorkingDirectory = workingDirectory;
        info.RedirectStandardError = true;
        info.RedirectStandardOutput = true;
        info.UseShellExecute = false;
        foreach (var (name, value) in environment)
        {
            info.Environment[name] = value;
        }

        info.ArgumentList.Add($"--urls={baseAddress}");
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        var process = new Process { StartInfo = info };
        var gateway = new GatewayProcess(process, baseAddress);
        process.OutputDataReceived += (_, e) => Append(gateway._stdout, e.Data);
        process.ErrorDataReceived += (_, e) => Append(gateway._stderr, e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return gateway;
    }

    /// <summary>Waits until <c>/healthz</c> answers (at most 60 s), failing the test with standard error if the process exits first.</summary>
    public async Task WaitUntilHealthyAsync(HttpClient client)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            try
            {
                if ((await client.GetAsync(new Uri("healthz", UriKind.Relative))).IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet, or gone: the assertion below tells which, with standard error.
            }

            Assert.True(DateTime.UtcNow < deadline && ExitCode is null, $"the gateway did not become healthy: {StandardError}");
            await Task.Delay(200);
        }
    }

    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var cancellation = new CancellationTokenSource(timeout);
        await _process.WaitForExitAsync(cancellation.Token);
        return _process.ExitCode;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    private static void Append(StringBuilder output, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (output)
        {
            output.AppendLine(line);
        }
    }

    /// <summary>Asks the gateway to stop the way a container runtime does: SIGTERM to this process only.</summary>
    public async Task SendTerminateAsync()
    {
        using var kill = Process.Start(new ProcessStartInfo("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]) { UseShellExecute = false })!;
        await kill.WaitForExitAsync();
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
