using System.Globalization;

namespace PatrolScores.LoadRun;

/// <summary>
/// How much CPU work that is not ours ran during a wrk run: busy time of all CPUs (user, nice and
/// system; interrupt time is left out because the kernel keeps it apart from process time) minus the
/// time of the harness, its reaped children (wrk) and the server under load, plus time stolen by the
/// hypervisor. A run that shared its cores with a build does not describe the server.
/// </summary>
internal static class CpuMeter
{
    private const double TicksPerSecond = 100; // USER_HZ, the unit of /proc/stat and /proc/PID/stat on Linux

    public static CpuSample? Sample(int serverProcessId)
    {
        try
        {
            var total = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries);
            long Field(int i) => long.Parse(total[i], CultureInfo.InvariantCulture);
            var ours = ProcessTicks("/proc/self/stat") + ProcessTicks($"/proc/{serverProcessId}/stat");
            return new CpuSample(Busy: Field(1) + Field(2) + Field(3), Steal: Field(8), Ours: ours);
        }
        catch (IOException)
        {
            return null;
        }
    }

    /// <summary>Foreign work and steal, each in cores (1.0 = one core busy for the whole run).</summary>
    public static (double OtherCores, double StolenCores)? Between(CpuSample? before, CpuSample? after, TimeSpan elapsed)
    {
        if (before is not { } a || after is not { } b || elapsed <= TimeSpan.Zero)
        {
            return null;
        }

        var ticks = elapsed.TotalSeconds * TicksPerSecond;
        return (Math.Max(0, (b.Busy - a.Busy) - (b.Ours - a.Ours)) / ticks, (b.Steal - a.Steal) / ticks);
    }

    /// <summary>utime + stime + cutime + cstime of one process (the fields after the parenthesised name).</summary>
    private static long ProcessTicks(string statPath)
    {
        var stat = File.ReadAllText(statPath);
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return Enumerable.Range(11, 4).Sum(i => long.Parse(fields[i], CultureInfo.InvariantCulture));
    }
}
