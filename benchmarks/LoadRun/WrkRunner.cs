using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace PatrolScores.LoadRun;

/// <summary>
/// Runs wrk pinned to its own CPUs (<c>taskset -c CPUS wrk -tT -cC -dDs --latency -H ... URL</c>)
/// and reads its report. No Lua script: one would slow wrk down and blur the measurement.
/// </summary>
internal static partial class WrkRunner
{
    public const string InstallHint = "sudo apt-get update && sudo apt-get install -y wrk";

    /// <summary>The full path of an executable on PATH, or null.</summary>
    public static string? FindOnPath(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, name))
            .FirstOrDefault(File.Exists);

    /// <summary>wrk's first line of <c>wrk -v</c>, e.g. "wrk 4.1.0 [epoll]".</summary>
    public static async Task<string> VersionAsync()
    {
        var (_, output) = await RunProcessAsync("wrk", ["-v"], CancellationToken.None);
        var first = output.Split('\n')[0];
        var copyright = first.IndexOf(" Copyright", StringComparison.Ordinal);
        return (copyright > 0 ? first[..copyright] : first).Trim();
    }

    public static async Task<(WrkResult Result, string Output)> RunAsync(
        RunOptions options, Uri url, int seconds, CancellationToken cancellationToken)
    {
        List<string> arguments =
        [
            "-c", options.WrkCpus, "wrk",
            $"-t{options.Threads}", $"-c{options.Connections}", $"-d{seconds}s", "--latency",
        ];
        foreach (var (name, value) in options.Headers)
        {
            arguments.AddRange(["-H", $"{name}: {value}"]);
        }

        arguments.Add(url.ToString());

        var (exitCode, output) = await RunProcessAsync("taskset", arguments, cancellationToken);
        if (exitCode != 0)
        {
            throw new LoadRunFailedException($"wrk exited with {exitCode}:\n{output}");
        }

        try
        {
            return (Parse(output), output);
        }
        catch (FormatException e)
        {
            throw new LoadRunFailedException($"{e.Message}\n{output}");
        }
    }

    /// <summary>Reads Requests/sec, the 50% and 99% rows of the latency distribution, errors and non-2xx/3xx counts.</summary>
    public static WrkResult Parse(string output)
    {
        var rps = RequestsPerSecondPattern().Match(output);
        var p50 = PercentilePattern("50").Match(output);
        var p99 = PercentilePattern("99").Match(output);
        if (!rps.Success || !p50.Success || !p99.Success)
        {
            throw new FormatException("wrk output lacks Requests/sec or the --latency distribution (50%, 99%)");
        }

        var requests = RequestsPattern().Match(output);
        var errors = SocketErrorsPattern().Match(output);
        var non2xx = NonSuccessPattern().Match(output);

        return new WrkResult(
            RequestsPerSecond: double.Parse(rps.Groups[1].Value, CultureInfo.InvariantCulture),
            P50Milliseconds: Milliseconds(p50.Groups[1].Value, p50.Groups[2].Value),
            P99Milliseconds: Milliseconds(p99.Groups[1].Value, p99.Groups[2].Value),
            Requests: requests.Success ? long.Parse(requests.Groups[1].Value, CultureInfo.InvariantCulture) : 0,
            SocketErrors: errors.Success ? Enumerable.Range(1, 4).Sum(g => long.Parse(errors.Groups[g].Value, CultureInfo.InvariantCulture)) : 0,
            NonSuccessResponses: non2xx.Success ? long.Parse(non2xx.Groups[1].Value, CultureInfo.InvariantCulture) : 0);
    }

    /// <summary>wrk prints times as a number and one of us, ms, s, m, h.</summary>
    private static double Milliseconds(string number, string unit) =>
        double.Parse(number, CultureInfo.InvariantCulture) * unit switch
        {
            "us" => 0.001,
            "ms" => 1,
            "s" => 1_000,
            "m" => 60_000,
            "h" => 3_600_000,
            _ => throw new FormatException($"unknown wrk time unit '{unit}'"),
        };

    private static Regex PercentilePattern(string percentile) =>
        new($@"^\s*{percentile}(?:\.0+)?%\s+([\d.]+)(us|ms|s|m|h)\s*$", RegexOptions.Multiline | RegexOptions.CultureInvariant);

    [GeneratedRegex(@"^Requests/sec:\s+([\d.]+)", RegexOptions.Multiline)]
    private static partial Regex RequestsPerSecondPattern();

    [GeneratedRegex(@"^\s*(\d+) requests in ", RegexOptions.Multiline)]
    private static partial Regex RequestsPattern();

    [GeneratedRegex(@"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)")]
    private static partial Regex SocketErrorsPattern();

    [GeneratedRegex(@"Non-2xx or 3xx responses: (\d+)")]
    private static partial Regex NonSuccessPattern();

    private static async Task<(int ExitCode, string Output)> RunProcessAsync(
        string fileName, IEnumerable<string> arguments, CancellationToken cancellationToken)
    {
        var startInfo = new ProcessStartInfo(fileName, arguments)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        using var process = Process.Start(startInfo) ?? throw new LoadRunFailedException($"could not start {fileName}");
        var stdout = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
        var stderr = process.StandardError.ReadToEndAsync(CancellationToken.None);
        try
        {
            await process.WaitForExitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        return (process.ExitCode, (await stdout) + (await stderr));
    }
}
