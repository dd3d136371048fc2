using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;

namespace PatrolScores.LiveRun;

/// <summary>The report's header lines: when, which commit, which machine, which CPUs the harness may use.</summary>
internal static class Machine
{
    public static IEnumerable<string> Describe(RunOptions options, ulong openFiles)
    {
        yield return $"date: {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm} UTC; commit {Commit(options.Repo)}";
        yield return $"machine: {CpuCount()} CPUs ({CpuModel()}), {OsName()}; harness on {RuntimeInformation.FrameworkDescription}; load average at start {LoadAverage()}";
        yield return $"CPUs: gateway(s) {options.ServerCpus} (taskset), simulator {options.SimulatorCpus}, harness {OwnCpus()}; open files: harness {openFiles}, servers ulimit -n {openFiles}";
    }

    public static string Commit(string repo)
    {
        var head = Git(repo, "rev-parse --short HEAD");
        var dirty = Git(repo, "status --porcelain --untracked-files=no");
        return head is null ? "unknown" : dirty is { Length: > 0 } ? head + " (with uncommitted changes)" : head;
    }

    private static string? Git(string repo, string arguments)
    {
        try
        {
            var start = new ProcessStartInfo("git") { RedirectStandardOutput = true, RedirectStandardError = true };
            start.ArgumentList.Add("-C");
            start.ArgumentList.Add(repo);
            foreach (var argument in arguments.Split(' '))
            {
                start.ArgumentList.Add(argument);
            }

            using var git = Process.Start(start);
            var output = git!.StandardOutput.ReadToEnd().Trim();
            git.WaitForExit();
            return git.ExitCode == 0 ? output : null;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null;
        }
    }

    // Environment.ProcessorCount counts only the CPUs this process may use (taskset): count the machine's.
    private static int CpuCount() => File.Exists("/proc/cpuinfo") ? File.ReadLines("/proc/cpuinfo").Count(l => l.StartsWith("processor", StringComparison.Ordinal)) : Environment.ProcessorCount;

    private static string OwnCpus() => Field("/proc/self/status", "Cpus_allowed_list:") ?? "?";

    private static string CpuModel() => Field("/proc/cpuinfo", "model name")?.TrimStart(':', ' ', '\t') ?? "?";

    private static string OsName() => Field("/etc/os-release", "PRETTY_NAME=")?.Trim('"') ?? RuntimeInformation.OSDescription;

    private static string LoadAverage()
    {
        var text = File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ') : [];
        return text.Length >= 3 ? string.Join(' ', text[..3]) : "?";
    }

    private static string? Field(string path, string prefix)
    {
        if (!File.Exists(path))
        {
            return null;
        }

        var line = File.ReadLines(path).FirstOrDefault(l => l.StartsWith(prefix, StringComparison.Ordinal));
        return line?[prefix.Length..].Trim();
    }

    public static string Ms(double value) => double.IsNaN(value) ? "-" : value.ToString("0.00", CultureInfo.InvariantCulture);
}
