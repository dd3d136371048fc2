using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;
using System.Runtime.InteropServices;

namespace PatrolScores.LoadRun;

/// <summary>
/// One load run. The gateway is started once to read a real cache hit (status, headers, body), which
/// the control is then given to serve. Measured order: control (warm-up + run 1), gateway (fresh
/// process, warm-up + run), control (run 2). Only the server being measured is busy: the gateway is
/// not running during the control's runs, and the control, a bare endpoint, idles during the gateway's.
/// </summary>
internal static class LoadRunner
{
    // How long a server has to stop after SIGTERM before it is killed.
    private static readonly TimeSpan StopGrace = TimeSpan.FromSeconds(10);

    private const int HitsInARow = 2;
    private static readonly Stopwatch Clock = Stopwatch.StartNew();

    public static async Task<int> RunAsync(RunOptions options, CancellationToken cancellationToken)
    {
        CheckTools(options);
        var environment = await DescribeEnvironmentAsync();
        var notes = new List<string>();
        var runs = new List<Measurement>();

        var work = Directory.CreateTempSubdirectory("patrolscores-loadrun-");
        Progress($"server logs and the control's body go to {work.FullName}");

        // 1. One real cache hit from the gateway; then it stops, so it does not share the core while the control runs.
        var reference = await WithGatewayAsync(options, work, "gateway-probe", (_, _, hit) => Task.FromResult(hit), cancellationToken);
        Progress($"gateway cache hit: {reference.StatusLine}, {reference.Body.Length}-byte body, {reference.KeepAliveWireLength} bytes on the wire");
        if (reference.IsChunked)
        {
            notes.Add("the gateway sent its hit chunked; the control sends Content-Length, so the bytes on the wire differ slightly");
        }

        // 2. The control serves the gateway's body and header set at the same path.
        var bodyFile = Path.Combine(work.FullName, "body.bin");
        var headersFile = Path.Combine(work.FullName, "headers.txt");
        await File.WriteAllBytesAsync(bodyFile, reference.Body, cancellationToken);
        await File.WriteAllLinesAsync(headersFile, reference.ContentHeaders.Select(h => $"{h.Key}: {h.Value}"), cancellationToken);

        var requestPath = new Uri(options.Expand(options.GatewayUrl, port: 1));
        var controlPort = ServerProcess.FreePort();
        var controlUrl = new Uri($"http://127.0.0.1:{controlPort}{requestPath.PathAndQuery}");
        var controlCommand = string.Join(' ',
            "dotnet", Shell.Quote(Path.Combine(AppContext.BaseDirectory, "PatrolScores.LoadRun.dll")), "control",
            "--port", controlPort.ToString(CultureInfo.InvariantCulture), "--path", Shell.Quote(requestPath.AbsolutePath),
            "--body-file", Shell.Quote(bodyFile), "--headers-file", Shell.Quote(headersFile));

        Progress($"starting control: {controlCommand}");
        await using var control = ServerProcess.Start("control", $"env {controlCommand}", options.ServerCpus, Path.Combine(work.FullName, "control.log"), StopGrace);
        var controlHit = await WaitForHitsAsync(options, control, controlUrl, cancellationToken);
        var wireDifference = reference.DescribeDifference(controlHit);
        Progress(wireDifference is null ? "wire check: the control sends the gateway's bytes" : $"wire check: DIFFERENT, {wireDifference}");

        await WarmUpAsync(options, control, controlUrl, runs, cancellationToken);
        var controlFirst = await MeasureAsync(options, control, controlUrl, "control, run 1", runs, cancellationToken);

        // 3. The gateway in a fresh process: two hits in a row, warm-up, two hits in a row again, measure, one more hit.
        var gateway = await WithGatewayAsync(options, work, "gateway", async (server, url, _) =>
        {
            await WarmUpAsync(options, server, url, runs, cancellationToken);
            await WaitForHitsAsync(options, server, url, cancellationToken);
            var result = await MeasureAsync(options, server, url, "gateway cache hit", runs, cancellationToken);
            var after = await HttpProbe.GetAsync(url, options.Headers, cancellationToken);
            if (!after.IsHit)
            {
                notes.Add($"right after its measured run the gateway answered '{after.StatusLine}' with X-Cache: "
                    + $"{after.Header("X-Cache") ?? "(none)"}; the run may include misses");
            }

            return result;
        }, cancellationToken);

        // 4. The control again, already warm: runs 1 and 2 bracket the gateway's run in time.
        var controlSecond = await MeasureAsync(options, control, controlUrl, "control, run 2", runs, cancellationToken);

        var report = new Report(options, environment, requestPath, reference, wireDifference, runs, controlFirst, gateway, controlSecond, notes);
        var text = report.Render();
        Console.Write(text);
        if (options.OutFile is not null)
        {
            await File.WriteAllTextAsync(options.OutFile, text, cancellationToken);
            Progress($"report written to {options.OutFile}");
        }

        return ExitCodes.Measured;
    }

    /// <summary>Starts the gateway on a free port, waits for two hits in a row, runs <paramref name="use"/>, stops it.</summary>
    private static async Task<T> WithGatewayAsync<T>(
        RunOptions options, DirectoryInfo work, string name, Func<ServerProcess, Uri, ProbeResponse, Task<T>> use, CancellationToken cancellationToken)
    {
        var port = ServerProcess.FreePort();
        var command = options.Expand(options.GatewayCommand, port);
        var url = new Uri(options.Expand(options.GatewayUrl, port));
        Progress($"starting {name}: {command}");
        await using var gateway = ServerProcess.Start(name, $"env {command}", options.ServerCpus, Path.Combine(work.FullName, $"{name}.log"), StopGrace);
        var hit = await WaitForHitsAsync(options, gateway, url, cancellationToken);
        var result = await use(gateway, url, hit);
        Progress($"stopping {name}");
        return result;
    }

    /// <summary>Polls until the server answers 200 with X-Cache: HIT twice in a row; the second is returned.</summary>
    private static async Task<ProbeResponse> WaitForHitsAsync(RunOptions options, ServerProcess server, Uri url, CancellationToken cancellationToken)
    {
        var timeout = TimeSpan.FromSeconds(options.StartupTimeoutSeconds);
        var started = Stopwatch.StartNew();
        var hits = 0;
        var last = "no answer";
        while (started.Elapsed < timeout)
        {
            if (server.HasExited)
            {
                throw new LoadRunFailedException($"{server.Name} exited; last output:\n{server.LogTail()}");
            }

            try
            {
                var response = await HttpProbe.GetAsync(url, options.Headers, cancellationToken);
                last = $"'{response.StatusLine}' with X-Cache: {response.Header("X-Cache") ?? "(none)"}";
                hits = response.IsHit ? hits + 1 : 0;
                if (hits == HitsInARow)
                {
                    Progress($"{server.Name} answered X-Cache: HIT {HitsInARow} times in a row");
                    return response;
                }
            }
            catch (Exception e) when (e is SocketException or IOException
                || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested))
            {
                last = e.Message;
                hits = 0;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(200), cancellationToken);
        }

        throw new LoadRunFailedException(
            $"{server.Name} at {url} did not answer 200 with X-Cache: HIT {HitsInARow} times in a row within {timeout.TotalSeconds:0} s "
            + $"(last: {last}); its output:\n{server.LogTail()}");
    }

    private static async Task WarmUpAsync(
        RunOptions options, ServerProcess server, Uri url, List<Measurement> runs, CancellationToken cancellationToken)
    {
        if (options.WarmupSeconds > 0)
        {
            var warmUp = await LoadAsync(options, server, url, options.WarmupSeconds, $"{server.Name} warm-up", cancellationToken);
            runs.Add(warmUp with { IsWarmUp = true });
        }
    }

    private static async Task<Measurement> MeasureAsync(
        RunOptions options, ServerProcess server, Uri url, string label, List<Measurement> runs, CancellationToken cancellationToken)
    {
        var measurement = await LoadAsync(options, server, url, options.DurationSeconds, label, cancellationToken);
        runs.Add(measurement);
        return measurement;
    }

    private static async Task<Measurement> LoadAsync(
        RunOptions options, ServerProcess server, Uri url, int seconds, string label, CancellationToken cancellationToken)
    {
        Progress($"{label}: wrk for {seconds} s against {url}");
        var before = CpuMeter.Sample(server.Id);
        var started = Stopwatch.StartNew();
        var (result, output) = await WrkRunner.RunAsync(options, url, seconds, cancellationToken);
        var cpu = CpuMeter.Between(before, CpuMeter.Sample(server.Id), started.Elapsed);
        if (server.HasExited)
        {
            throw new LoadRunFailedException($"{server.Name} exited during '{label}'; its output:\n{server.LogTail()}");
        }

        if (result.Problem is { } problem)
        {
            throw new LoadRunFailedException($"'{label}' is not a clean run: {problem}\n{output}");
        }

        Progress($"{label}: {result.RequestsPerSecond:0} req/s, p50 {result.P50Milliseconds:0.000} ms, p99 {result.P99Milliseconds:0.000} ms, "
            + $"other work {cpu?.OtherCores:0.00} cores, stolen {cpu?.StolenCores:0.00}");
        return new Measurement(label, result, cpu?.OtherCores, cpu?.StolenCores);
    }

    private static void CheckTools(RunOptions options)
    {
        if (WrkRunner.FindOnPath("wrk") is null)
        {
            throw new UsageException($"wrk is not on PATH, and there is no fallback load generator. Install it: {WrkRunner.InstallHint}");
        }

        if (WrkRunner.FindOnPath("taskset") is null)
        {
            throw new UsageException("taskset (util-linux) is not on PATH; it pins the servers and wrk to their cores");
        }

        if (options.UsesDefaultGateway)
        {
            var dll = options.Expand("{repo}/src/Demo/bin/Release/net10.0/PatrolScores.Demo.dll", port: 1);
            if (!File.Exists(dll))
            {
                throw new UsageException($"the default gateway {dll} is not built: run `dotnet build -c Release src/Demo`, or pass --gateway-cmd");
            }
        }
    }

    private static async Task<string> DescribeEnvironmentAsync()
    {
        var cpu = File.Exists("/proc/cpuinfo")
            ? File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim()
            : null;
        return $"machine: {Environment.ProcessorCount} CPUs ({cpu ?? "unknown CPU"}), {RuntimeInformation.OSDescription}; "
            + $"harness on {RuntimeInformation.FrameworkDescription}; {await WrkRunner.VersionAsync()}; "
            + $"load average at start {LoadAverage() ?? "unknown"}";
    }

    /// <summary>The 1, 5 and 15 minute load averages from /proc/loadavg.</summary>
    private static string? LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : null;

    private static void Progress(string message) =>
        Console.Error.WriteLine($"[{Clock.Elapsed:mm\\:ss}] {message}");
}
